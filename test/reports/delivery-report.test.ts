import { OrgIndex } from '../../src/domain/org-index';
import type { Dataset } from '../../src/domain/records';
import { deliveryPeriod, deliveryReportQuery, type DeliveryRow } from '../../src/queries/delivery-report';
import type { QueryContext } from '../../src/queries/query-context';
import { runQuery } from '../../src/queries/registry';
import { appErrorOf } from '../support/app-error';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';
import { TODAY, tinyDataset } from '../support/tiny-org';

// The query behind the proof of delivery (interfaces.md, report `delivery`; rules 2, 4, 5).

const tiny = new OrgIndex(tinyDataset());
const as = (org: OrgIndex, userId: string, workspace?: string): QueryContext => {
  const user = org.users.get(userId) ?? org.userByEmail(userId);
  if (!user) throw new Error(userId);
  return { org, user, today: TODAY, workspace };
};
const rowsOf = (org: OrgIndex, userId: string, workspace?: string, flags = {}): DeliveryRow[] => [
  ...deliveryReportQuery(as(org, userId, workspace), flags).rows,
];

describe('the period', () => {
  it('defaults to the 12 months up to today, both ends included', () => {
    expect(deliveryPeriod('2026-11-22', {})).toEqual({ since: '2025-11-23', until: '2026-11-22' });
    expect(deliveryPeriod('2024-02-29', {})).toEqual({ since: '2023-03-01', until: '2024-02-29' });
    expect(deliveryPeriod('2026-11-22', { until: '2026-06-30' })).toEqual({ since: '2025-07-01', until: '2026-06-30' });
    expect(deliveryPeriod('2026-11-22', { since: '2026-01-01' })).toEqual({ since: '2026-01-01', until: '2026-11-22' });
  });

  it.each([
    [{ since: '2026-02-30' }, '--since'],
    [{ until: '22/11/2026' }, '--until'],
    [{ since: '2026-11-01', until: '2026-10-01' }, '--since'],
  ])('refuses %j as bad input naming %s, as the other queries do', (flags, flag) => {
    const e = appErrorOf(() => deliveryReportQuery(as(tiny, 'admin', 'W1'), flags));
    expect(e.code).toBe('bad-request');
    expect(e.params).toMatchObject({ flag });
  });

  it('takes records dated on the first and the last day, and none outside', () => {
    const data = tinyDataset();
    data.consumption.push(
      { id: 'B0', entitlementId: 'E1', date: '2025-11-22', quantity: 1 },
      { id: 'B1', entitlementId: 'E1', date: '2025-11-23', quantity: 1 },
      { id: 'B2', entitlementId: 'E1', date: '2026-11-22', quantity: 1 },
      { id: 'B3', entitlementId: 'E1', date: '2026-11-23', quantity: 1 },
    );
    const ids = rowsOf(new OrgIndex(data), 'admin', 'W1').map((r) => r.id);
    expect(ids).toContain('B1');
    expect(ids).toContain('B2');
    expect(ids).not.toContain('B0');
    expect(ids).not.toContain('B3');
  });
});

describe('rows', () => {
  it('lists every record of the scope in the period, oldest first, with its contract, package and entitlement', () => {
    const report = deliveryReportQuery(as(tiny, 'admin', 'W1'));
    expect(report.rowCount).toBe(6);
    expect([...report.rows]).toEqual([
      { id: 'R3', date: '2026-03-01', contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Proactive credits', category: 'proactive-credits', unit: 'credits', quantity: 40.5, description: 'Workshop delivery', caseId: null, restricted: false },
      { id: 'R6', date: '2026-06-01', contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Workshops', category: 'workshops', unit: 'count', quantity: 1, description: null, caseId: 'K1', restricted: false },
      { id: 'R2', date: '2026-09-01', contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Proactive credits', category: 'proactive-credits', unit: 'credits', quantity: 9, description: null, caseId: null, restricted: false },
      { id: 'R4', date: '2026-10-10', contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Reactive hours', category: 'reactive-support', unit: 'hours', quantity: 7.5, description: null, caseId: null, restricted: false },
      { id: 'R5', date: '2026-10-11', contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Reactive hours', category: 'reactive-support', unit: 'hours', quantity: 4.1, description: null, caseId: null, restricted: false },
      { id: 'R1', date: '2026-11-20', contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Proactive credits', category: 'proactive-credits', unit: 'credits', quantity: 9, description: 'Assessment', caseId: 'K2', restricted: false },
    ]);
  });

  it('orders one day by contract number, package, entitlement, then record', () => {
    const data: Dataset = tinyDataset();
    data.contracts.push({ ...data.contracts[0]!, id: 'C0', number: '0001-01' });
    data.workspaces[0]!.contractIds.push('C0');
    data.packages.push({ ...data.packages[0]!, id: 'P0', contractId: 'C0', name: 'Zeta' }, { ...data.packages[0]!, id: 'PA', contractId: 'C1', name: 'Alpha' });
    data.entitlements.push(
      { id: 'EZ', packageId: 'P0', name: 'Credits', category: 'proactive-credits', kind: 'consumption', unit: 'credits', purchased: 10 },
      { id: 'EA', packageId: 'PA', name: 'Credits', category: 'proactive-credits', kind: 'consumption', unit: 'credits', purchased: 10 },
    );
    const day = '2026-05-05';
    data.consumption.push(
      { id: 'X9', entitlementId: 'E2', date: day, quantity: 1 },
      { id: 'X2', entitlementId: 'E1', date: day, quantity: 1 },
      { id: 'X1', entitlementId: 'E1', date: day, quantity: 1 },
      { id: 'X5', entitlementId: 'EA', date: day, quantity: 1 },
      { id: 'X7', entitlementId: 'EZ', date: day, quantity: 1 },
    );
    const ids = rowsOf(new OrgIndex(data), 'admin', 'W1')
      .filter((r) => r.date === day)
      .map((r) => r.id);
    // 0001-01 before 4100-22; on 4100-22 the package Alpha before Enterprise 2026; there Proactive credits before Reactive hours
    expect(ids).toEqual(['X7', 'X5', 'X1', 'X2', 'X9']);
  });

  it('counts a contract mapped to several workspaces once on "all" (rule 5)', () => {
    const all = rowsOf(tiny, 'admin', 'all');
    expect(all.map((r) => r.id)).toEqual(rowsOf(tiny, 'admin', 'W1').map((r) => r.id));
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('withholds description and case of a record whose case the user may not see (rule 4)', () => {
    // analyst: customer-activity in W1; K2 is a case of W2, where the analyst is no member
    const r1 = rowsOf(tiny, 'analyst').find((r) => r.id === 'R1');
    expect(r1).toMatchObject({ date: '2026-11-20', quantity: 9, description: null, caseId: null, restricted: true });
    // plain sees W2 only, and K1 (W1) is not theirs
    const plain = rowsOf(tiny, 'plain', 'all');
    expect(plain.find((r) => r.id === 'R6')).toMatchObject({ caseId: null, restricted: true });
    expect(plain.find((r) => r.id === 'R1')).toMatchObject({ caseId: 'K2', description: 'Assessment', restricted: false });
  });

  it('can be read more than once, the same each time', () => {
    const report = deliveryReportQuery(as(tiny, 'analyst'));
    expect([...report.rows]).toEqual([...report.rows]);
    expect(report.rows.at(0)).toEqual([...report.rows][0]);
  });
});

describe('totals', () => {
  it('sums each contract × entitlement in its unit, over the rows of the period', () => {
    const report = deliveryReportQuery(as(tiny, 'admin', 'all'));
    expect(report.totals).toEqual([
      { contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Proactive credits', category: 'proactive-credits', unit: 'credits', records: 3, quantity: 58.5 },
      { contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Reactive hours', category: 'reactive-support', unit: 'hours', records: 2, quantity: 11.6 },
      { contractNumber: '4100-22', packageName: 'Enterprise 2026', entitlementName: 'Workshops', category: 'workshops', unit: 'count', records: 1, quantity: 1 },
    ]);
  });
});

describe('access (rule 2)', () => {
  it('refuses a scope without Customer Activity, naming the role, instead of an empty report', () => {
    const e = appErrorOf(() => deliveryReportQuery(as(tiny, 'viewer')));
    expect(e.code).toBe('forbidden');
    expect(e.params).toMatchObject({ role: 'customer-activity', workspace: 'Finance' });
    expect(appErrorOf(() => deliveryReportQuery(as(tiny, 'invited', 'all'))).code).toBe('forbidden');
  });
});

describe('on the sample organization (data/sample/README.md)', () => {
  const EVER = { since: '2000-01-01' };
  let org: OrgIndex;
  beforeAll(async () => {
    org = await sampleOrg();
  });
  const restricted = (email: string, workspace: string): string[] =>
    [...deliveryReportQuery({ org, user: org.userByEmail(email)!, today: SAMPLE_TODAY, workspace }, EVER).rows]
      .filter((r) => r.restricted)
      .map((r) => r.id)
      .sort();

  it.each([
    ['giulia.verdi@contoso.com', 'ws-default', ['cr-036', 'cr-037', 'cr-039', 'cr-041', 'cr-042', 'cr-049', 'cr-050', 'cr-063']],
    ['giulia.verdi@contoso.com', 'ws-finance', ['cr-036', 'cr-037', 'cr-039', 'cr-041', 'cr-042', 'cr-049', 'cr-050']],
    ['federica.lombardi@contoso.com', 'ws-sales', ['cr-062', 'cr-063', 'cr-066', 'cr-067']],
    ['roberto.greco@contoso.com', 'ws-hr', ['cr-083']],
    ['alessandro.deluca@outlook.it', 'ws-partner', []],
  ])('%s in %s: the restricted records are exactly those of the README', (email, workspace, ids) => {
    expect(restricted(email, workspace)).toEqual(ids);
  });

  it('agrees with the history drilldown, entitlement by entitlement, for every user and scope', () => {
    for (const user of org.dataset.users) {
      for (const workspace of [undefined, 'all', ...org.dataset.workspaces.map((w) => w.id)]) {
        const ctx = { org, user, today: SAMPLE_TODAY, workspace };
        let rows: DeliveryRow[];
        try {
          rows = [...deliveryReportQuery(ctx, EVER).rows];
        } catch (e) {
          // the same refusal or "not found" as the other Customer Activity queries
          expect(appErrorOf(() => runQuery('contracts', ctx)).code).toBe((e as { code: string }).code);
          continue;
        }
        const contracts = (runQuery('contracts', ctx) as { contracts: { number: string }[] }).contracts.map((c) => c.number);
        for (const r of rows) expect(contracts).toContain(r.contractNumber);
        const byEntitlement = new Map<string, DeliveryRow[]>();
        for (const r of rows) {
          const id = org.dataset.consumption.find((c) => c.id === r.id)!.entitlementId;
          byEntitlement.set(id, [...(byEntitlement.get(id) ?? []), r]);
        }
        for (const [entitlement, mine] of byEntitlement) {
          const history = runQuery('history', ctx, { entitlement, since: EVER.since, 'page-size': '100' }) as {
            items: { id: string; date: string; quantity: number; description: string | null; caseId: string | null; restricted: boolean }[];
          };
          const expected = [...history.items].reverse().map(({ id, date, quantity, description, caseId, restricted: r }) => ({ id, date, quantity, description, caseId, restricted: r }));
          expect(mine.map(({ id, date, quantity, description, caseId, restricted: r }) => ({ id, date, quantity, description, caseId, restricted: r }))).toEqual(expected);
        }
      }
    }
  });

  it('gives a customer admin on "all" every record of the organization, each once', () => {
    const rows = [...deliveryReportQuery({ org, user: org.userByEmail('anna.bianchi@contoso.com')!, today: SAMPLE_TODAY, workspace: 'all' }, EVER).rows];
    expect(rows.map((r) => r.id).sort()).toEqual(org.dataset.consumption.map((c) => c.id).sort());
  });
});
