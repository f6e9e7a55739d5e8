import { cleanUp, editArray, editLines, editRecord, loadCopy, one, problemsOf, type Rec } from './defects';

afterAll(cleanUp);

const setList = (field: string, index: number, value: string) => (r: Rec) => {
  (r[field] as string[])[index] = value;
};

describe('FileDataSource: records', () => {
  test('the sample loads, typed and complete', async () => {
    const d = await loadCopy();
    expect(d.consumption.find((r) => r.id === 'cr-037')).toEqual({
      id: 'cr-037',
      entitlementId: 'ent-05',
      date: '2026-09-03',
      quantity: 5.5,
      description: 'Analisi dei log di sincronizzazione',
      caseId: 'case-01',
      deliveredBy: 'Enrico Pagano',
    });
  });

  test('a missing required field names file, record and (dotted) field', async () => {
    expect(await problemsOf(editRecord('users.json', 'u-giulia-verdi', (r) => delete r.email))).toEqual([
      one('users.json', 'u-giulia-verdi', 'email', /^missing required field \(expected string\)$/),
    ]);
    const csam = (r: Rec) => delete (r.csam as Rec).email;
    expect(await problemsOf(editRecord('contracts.json', 'c-4100-22', csam))).toEqual([
      one('contracts.json', 'c-4100-22', 'csam.email', /^missing required field/),
    ]);
  });

  test('a record without an id is named by its position: #N in arrays, line N in jsonl', async () => {
    expect(await problemsOf(editRecord('packages.json', 'pkg-03', (r) => delete r.id))).toEqual([
      one('packages.json', '#3', 'id', /^missing required field/),
      one('entitlements.json', 'ent-12', 'packageId', /^unknown id "pkg-03"/), // nothing answers to pkg-03 any more
    ]);
    expect(await problemsOf(editLines((lines) => (lines[6] = lines[6]?.replace('"id": "cr-007", ', '') ?? '')))).toEqual([
      one('consumption.jsonl', 'line 7', 'id', /^missing required field/),
    ]);
  });

  test('wrong types, enum values and dates are named with what was found', async () => {
    expect(await problemsOf(editRecord('users.json', 'u-marco-bruno', (r) => (r.accountType = 'guest')))).toEqual([
      one('users.json', 'u-marco-bruno', 'accountType', /^expected one of "work", "personal", found "guest"$/),
    ]);
    expect(await problemsOf(editRecord('packages.json', 'pkg-05', (r) => (r.endDate = '2026-02-30')))).toEqual([
      one('packages.json', 'pkg-05', 'endDate', /not a calendar date, found "2026-02-30"/),
    ]);
    expect(await problemsOf(editLines((lines) => (lines[1] = lines[1]?.replace('"2025-06-18"', '"18/06/2025"') ?? '')))).toEqual([
      one('consumption.jsonl', 'cr-002', 'date', /expected a date YYYY-MM-DD, found "18\/06\/2025" \(line 2\)/),
      one('consumption.jsonl', 'cr-002', 'date', /not a calendar date/),
    ]);
    expect(await problemsOf(editRecord('cases.json', 'case-07', (r) => (r.createdAt = 'ieri')))).toEqual([
      one('cases.json', 'case-07', 'createdAt', /expected a date YYYY-MM-DD or .*, found "ieri"/),
    ]);
    expect(await problemsOf(editRecord('workspaces.json', 'ws-hr', (r) => (r.adminIds = 'u-elena-marino')))).toEqual([
      one('workspaces.json', 'ws-hr', 'adminIds', /^expected array, found "u-elena-marino"$/),
    ]);
    expect(await problemsOf(editArray('memberships.json', (ms) => ((ms[0] as Rec).roles = ['boss'])))).toEqual([
      one('memberships.json', 'ws-default/u-laura-rinaldi', 'roles[0]', /expected one of "customer-admin", .*found "boss"/),
    ]);
    expect(await problemsOf(editRecord('entitlements.json', 'ent-09', (r) => (r.kind = 'gift')))).toEqual([
      one('entitlements.json', 'ent-09', 'kind', /consumption.*benefit.*found "gift"/),
    ]);
  });

  test('a consumption entitlement must say how much was purchased; a benefit need not', async () => {
    expect(await problemsOf(editRecord('entitlements.json', 'ent-02', (r) => delete r.purchased))).toEqual([
      one('entitlements.json', 'ent-02', 'purchased', /^missing required field/),
    ]);
    const d = await loadCopy(editRecord('entitlements.json', 'ent-16', (r) => delete r.purchased));
    expect(d.entitlements.find((e) => e.id === 'ent-16')?.kind).toBe('benefit');
  });

  test('duplicate ids are named per file; memberships by workspace and user', async () => {
    const twice = (file: string, id: string) => editArray(file, (rs) => rs.push({ ...rs.find((r) => r.id === id) }));
    expect(await problemsOf(twice('users.json', 'u-sara-gallo'))).toEqual([one('users.json', 'u-sara-gallo', 'id', /^duplicate id$/)]);
    expect(await problemsOf(editLines((lines) => lines.push(lines[3] ?? '')))).toEqual([
      one('consumption.jsonl', 'cr-004', 'id', /^duplicate id \(line 101\)$/),
    ]);
    expect(await problemsOf(editArray('memberships.json', (ms) => ms.push({ ...ms[9], roles: [] })))).toEqual([
      one('memberships.json', 'ws-finance/u-paolo-colombo', 'workspaceId/userId', /^duplicate membership/),
    ]);
    // the same id in two files is fine: ids are unique per file
    await expect(loadCopy(editRecord('groups.json', 'g-hr-operations', (r) => (r.id = 'ws-hr')))).rejects.toMatchObject({
      problems: [one('cases.json', 'case-17', 'groupIds[0]', /unknown id "g-hr-operations": not in groups\.json/)],
    });
  });

  // [file, record to break, its label in the problem, field, edit]
  const dangling: [string, string, string, string, (r: Rec) => void][] = [
    ['contracts.json', 'c-4100-23', 'c-4100-23', 'servicesAdministratorId', (r) => (r.servicesAdministratorId = 'u-nobody')],
    ['contracts.json', 'c-4100-22', 'c-4100-22', 'supportContactIds[1]', setList('supportContactIds', 1, 'u-nobody')],
    ['workspaces.json', 'ws-sales', 'ws-sales', 'contractIds[1]', setList('contractIds', 1, 'u-nobody')],
    ['workspaces.json', 'ws-partner', 'ws-partner', 'adminIds[0]', setList('adminIds', 0, 'u-nobody')],
    ['groups.json', 'g-sales-operations', 'g-sales-operations', 'workspaceId', (r) => (r.workspaceId = 'u-nobody')],
    ['groups.json', 'g-sales-operations', 'g-sales-operations', 'memberIds[1]', setList('memberIds', 1, 'u-nobody')],
    ['packages.json', 'pkg-09', 'pkg-09', 'contractId', (r) => (r.contractId = 'u-nobody')],
    ['entitlements.json', 'ent-26', 'ent-26', 'packageId', (r) => (r.packageId = 'u-nobody')],
    ['cases.json', 'case-19', 'case-19', 'workspaceId', (r) => (r.workspaceId = 'u-nobody')],
    ['cases.json', 'case-19', 'case-19', 'primaryContactId', (r) => (r.primaryContactId = 'u-nobody')],
    ['cases.json', 'case-02', 'case-02', 'sharedWithIds[1]', setList('sharedWithIds', 1, 'u-nobody')],
    ['cases.json', 'case-12', 'case-12', 'groupIds[0]', setList('groupIds', 0, 'u-nobody')],
    ['training.json', 'tr-03', 'tr-03', 'workspaceId', (r) => (r.workspaceId = 'u-nobody')],
    ['training.json', 'tr-03', 'tr-03', 'userId', (r) => (r.userId = 'u-nobody')],
  ];
  test.each(dangling)('a dangling reference: %s %s %s', async (file, id, record, field, edit) => {
    expect(await problemsOf(editRecord(file, id, edit))).toEqual([one(file, record, field, /^unknown id "u-nobody": not in \w+\.json$/)]);
  });

  test('dangling references of memberships and consumption records', async () => {
    const membership = (field: 'workspaceId' | 'userId') => editArray('memberships.json', (ms) => ((ms[10] as Rec)[field] = 'x-nobody'));
    expect(await problemsOf(membership('workspaceId'))).toEqual([
      one('memberships.json', 'x-nobody/u-marco-bruno', 'workspaceId', /^unknown id "x-nobody": not in workspaces\.json$/),
    ]);
    expect(await problemsOf(membership('userId'))).toEqual([
      one('memberships.json', 'ws-finance/x-nobody', 'userId', /^unknown id "x-nobody": not in users\.json$/),
    ]);
    expect(await problemsOf(editLines((l) => (l[40] = l[40]?.replace('"case-03"', '"case-99"') ?? '')))).toEqual([
      one('consumption.jsonl', 'cr-041', 'caseId', /^unknown id "case-99": not in cases\.json$/),
    ]);
    expect(await problemsOf(editLines((l) => (l[0] = l[0]?.replace('"ent-01"', '"ent-99"') ?? '')))).toEqual([
      one('consumption.jsonl', 'cr-001', 'entitlementId', /^unknown id "ent-99": not in entitlements\.json$/),
    ]);
  });

  test("rule 9: a case's contract, package and service may be unknown", async () => {
    const d = await loadCopy(
      editRecord('cases.json', 'case-01', (r) => Object.assign(r, { contractId: 'c-x', packageId: 'pkg-x', service: 'ent-x' })),
    );
    expect(d.cases.find((c) => c.id === 'case-01')).toMatchObject({ contractId: 'c-x', packageId: 'pkg-x', service: 'ent-x' });
  });

  test('a reference to a broken record is not reported twice', async () => {
    const problems = await problemsOf(editRecord('users.json', 'u-mario-rossi', (r) => (r.email = 'mario')));
    expect(problems).toEqual([one('users.json', 'u-mario-rossi', 'email', /expected an e-mail address, found "mario"/)]);
  });

  test('contracts and packages must not end before they start', async () => {
    expect(await problemsOf(editRecord('contracts.json', 'c-4200-25', (r) => (r.endDate = '2025-01-31')))).toEqual([
      one('contracts.json', 'c-4200-25', 'endDate', /^ends \(2025-01-31\) before it starts \(2025-02-01\)$/),
    ]);
    expect(await problemsOf(editRecord('packages.json', 'pkg-11', (r) => (r.endDate = '2025-11-22')))).toEqual([
      one('packages.json', 'pkg-11', 'endDate', /^ends \(2025-11-22\) before it starts \(2025-11-23\)$/),
    ]);
    const sameDay = await loadCopy(editRecord('packages.json', 'pkg-11', (r) => (r.endDate = '2025-11-23')));
    expect(sameDay.packages.find((p) => p.id === 'pkg-11')?.endDate).toBe('2025-11-23');
  });

  test('the error message lists file, record and field on one line each', async () => {
    const edit = editRecord('training.json', 'tr-05', (r) => Object.assign(r, { hours: -2, userId: 'u-nobody' }));
    await expect(loadCopy(edit)).rejects.toThrow(/^training\.json, record tr-05, field hours: .*$/m);
  });
});
