import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { CATEGORY_GROUP, CATEGORY_IDS, UNITS } from '../../src/domain/vocabulary';
import type { Dataset } from '../../src/domain/records';
import {
  SAMPLE_TODAY,
  additionalReason,
  caseAccess,
  consumedOf,
  daysFrom,
  firstName,
  isActiveMember,
  isWorkspaceAdmin,
  membershipCell,
  restrictedRecords,
} from './sample-facts';

const SAMPLE = join(__dirname, '../../data/sample');
const README = readFileSync(join(SAMPLE, 'README.md'), 'utf8');

/** The rows of the README table whose header row starts with `| first |`, cells trimmed, backticks off. */
function table(first: string): string[][] {
  const lines = README.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (start < 0) throw new Error(`no table "${first}" in README`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split('|').map((c) => c.trim().replace(/`/g, '')));
  }
  return rows;
}

let d: Dataset;
beforeAll(async () => {
  d = await new FileDataSource(SAMPLE).load();
});

const user = (id: string) => d.users.find((u) => u.id === id);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('the sample organization loads and matches its README', () => {
  test('file counts', () => {
    const counts = Object.fromEntries(table('file').map(([file = '', n = '']) => [file, n]));
    const files: Record<string, unknown[]> = {
      'users.json': d.users,
      'contracts.json': d.contracts,
      'workspaces.json': d.workspaces,
      'memberships.json': d.memberships,
      'groups.json': d.groups,
      'packages.json': d.packages,
      'entitlements.json': d.entitlements,
      'consumption.jsonl': d.consumption,
      'cases.json': d.cases,
      'training.json': d.training,
    };
    for (const [file, records] of Object.entries(files)) expect([file, String(records.length)]).toEqual([file, counts[file]]);
    expect(d.organization).toMatchObject({ id: 'org-contoso-it', name: 'Contoso Italia S.p.A.' });
  });

  test('every id the README names exists (and the one it calls unknown does not)', () => {
    const known = new Set<string>([
      d.organization.id,
      ...[d.users, d.contracts, d.workspaces, d.groups, d.packages, d.entitlements, d.consumption, d.cases, d.training].flatMap(ids),
    ]);
    const named = [...README.matchAll(/`((?:org|u|c|ws|g|pkg|ent|cr|case|tr)-[a-z0-9-]+)`/g)].map((m) => m[1] ?? '');
    expect(named.length).toBeGreaterThan(100);
    const missing = [...new Set(named)].filter((id) => !known.has(id));
    expect(missing).toEqual(['c-4999-99']);
    expect(d.cases.find((c) => c.id === 'case-05')?.contractId).toBe('c-4999-99');
  });

  test('who is who', () => {
    const rows = table('user');
    expect(rows.map((r) => r[0])).toEqual(ids(d.users));
    for (const [id = '', email, account, aad, admin, ...cells] of rows) {
      const u = user(id);
      expect([id, email, account, aad, admin]).toEqual([
        id,
        u?.email,
        u?.accountType,
        u?.aadObjectId ? 'yes' : 'no',
        u?.customerAdmin ? 'yes' : '',
      ]);
      expect([id, ...cells]).toEqual([id, ...d.workspaces.map((w) => membershipCell(d, w.id, id))]);
    }
  });

  test('packages and their days left from 2026-11-22', () => {
    const rows = table('package');
    expect(rows.map((r) => r[0])).toEqual(ids(d.packages));
    for (const p of d.packages) {
      const row = rows.find((r) => r[0] === p.id);
      expect(row).toEqual([p.id, p.contractId, p.name, p.kind, p.status, p.startDate, p.endDate, String(daysFrom(SAMPLE_TODAY, p.endDate))]);
    }
  });

  test('entitlements: purchased, consumed, remaining, last 90 days', () => {
    const rows = table('entitlement');
    expect(rows.map((r) => r[0])).toEqual(ids(d.entitlements));
    for (const e of d.entitlements) {
      const consumed = consumedOf(d, e.id);
      const last90 = consumedOf(d, e.id, '2026-08-25');
      expect(consumedOf(d, e.id, '2026-08-24')).toBe(last90); // the README says the window's edge does not matter
      const numbers =
        e.kind === 'benefit' ? ['—', '—', '—', '—'] : [e.purchased, consumed, (e.purchased ?? 0) - consumed, last90].map(String);
      expect(rows.find((r) => r[0] === e.id)).toEqual([e.id, e.packageId, e.name, e.category, e.kind, e.unit, ...numbers]);
    }
  });

  test('cases: links, rule-9 reason, and who may see each (rules 1 and 3)', () => {
    const rows = table('case');
    expect(rows.map((r) => r[0])).toEqual(ids(d.cases));
    for (const c of d.cases) {
      const visible = d.users
        .map((u) => [u.id, caseAccess(d, c, u.id)] as const)
        .filter(([, how]) => how !== null)
        .map(([id, how]) => `${firstName(d, id)} (${how})`)
        .join(', ');
      const links = [c.contractId ?? '—', c.packageId ?? '—', c.service ?? '—'].join(' / ');
      expect(rows.find((r) => r[0] === c.id)).toEqual([
        c.id,
        c.workspaceId,
        c.type,
        c.status,
        links,
        c.classification ?? '—',
        additionalReason(d, c) ?? '—',
        visible,
      ]);
    }
  });

  test('rule 4: restricted records per user and scope', () => {
    for (const [userId = '', ws = '', records = ''] of table('user | scope')) {
      const expected = records === '—' ? [] : records.split(', ');
      expect([userId, ws, restrictedRecords(d, ws, userId)]).toEqual([userId, ws, expected]);
    }
  });

  test('rule 6: the Finance enterprise summary', () => {
    const contracts = d.contracts.filter(
      (c) => d.workspaces.find((w) => w.id === 'ws-finance')?.contractIds.includes(c.id) && c.startDate <= SAMPLE_TODAY && SAMPLE_TODAY <= c.endDate,
    );
    const packages = d.packages.filter((p) => p.kind === 'enterprise' && p.status === 'active' && contracts.some((c) => c.id === p.contractId));
    const sums = new Map<string, [number, number]>();
    for (const e of d.entitlements) {
      if (e.kind !== 'consumption' || !packages.some((p) => p.id === e.packageId)) continue;
      const key = `${CATEGORY_GROUP[e.category]}|${e.unit}`;
      const [p, c] = sums.get(key) ?? [0, 0];
      sums.set(key, [p + e.purchased, c + consumedOf(d, e.id)]);
    }
    const rows = table('group').map(([group, unit, purchased, consumed, remaining]) => [`${group}|${unit}`, purchased, consumed, remaining]);
    expect(rows).toEqual([...sums].map(([key, [p, c]]) => [key, String(p), String(c), String(p - c)]));
  });

  test('rule 8: packages expiring within 7, 30, 90 days and P3M', () => {
    const expiring = (until: string) =>
      d.packages
        .filter((p) => p.status === 'active' && p.endDate >= SAMPLE_TODAY && p.endDate <= until)
        .sort((a, b) => a.endDate.localeCompare(b.endDate))
        .map((p) => p.id);
    expect(expiring('2026-11-29')).toEqual(['pkg-11', 'pkg-02']);
    expect(expiring('2026-12-22')).toEqual(['pkg-11', 'pkg-02', 'pkg-05']);
    expect(expiring('2027-02-20')).toEqual(['pkg-11', 'pkg-02', 'pkg-05', 'pkg-04', 'pkg-10']);
    expect(expiring('2027-02-22')).toEqual(['pkg-11', 'pkg-02', 'pkg-05', 'pkg-04', 'pkg-10', 'pkg-09']);
  });

  test('rule 9: every reason and classification has a case, and some cases have none', () => {
    const reasons = d.cases.map((c) => additionalReason(d, c));
    for (const r of ['contract-missing', 'contract-expired', 'contract-not-mapped', 'package-missing', 'service-missing', 'classification']) {
      expect(reasons).toContain(r);
    }
    expect(reasons).toContain(null);
    expect(new Set(d.cases.filter((c) => additionalReason(d, c) === 'classification').map((c) => c.classification))).toEqual(
      new Set(['SU', 'DSA', 'X85', 'REC']),
    );
    const finance = d.cases.filter((c) => c.workspaceId === 'ws-finance' && additionalReason(d, c) !== null);
    expect(ids(finance)).toEqual(['case-04', 'case-05', 'case-06', 'case-07', 'case-08', 'case-09', 'case-10', 'case-11']);
    expect(finance.filter((c) => caseAccess(d, c, 'u-giulia-verdi') !== null).map((c) => c.id)).toEqual(['case-05', 'case-11']);
  });

  test('every role and situation the README relies on is present', () => {
    expect(d.workspaces.map((w) => w.name)).toEqual(expect.arrayContaining(['Finance', 'Sales', 'HR']));
    expect(d.workspaces.filter((w) => w.isDefault)).toHaveLength(1);
    expect(user('u-anna-bianchi')?.customerAdmin).toBe(true);
    expect(isWorkspaceAdmin(d, 'ws-finance', 'u-mario-rossi')).toBe(true);
    expect(d.workspaces.find((w) => w.id === 'ws-sales')?.adminIds).toContain('u-luca-esposito');
    expect(isActiveMember(d, 'ws-sales', 'u-luca-esposito')).toBe(false);
    expect(d.memberships.filter((m) => m.userId === 'u-davide-conti')).toEqual([]);
    expect(d.users.filter((u) => u.accountType === 'personal').length).toBeGreaterThan(0);
    expect(d.users.some((u) => u.aadObjectId) && d.users.some((u) => !u.aadObjectId)).toBe(true);
    expect(new Set(d.workspaces.map((w) => w.accountPolicy))).toEqual(new Set(['work-only', 'personal-only', 'work-and-personal']));
    expect(new Set(d.entitlements.map((e) => e.category))).toEqual(new Set(CATEGORY_IDS));
    expect(new Set(d.entitlements.map((e) => e.unit))).toEqual(new Set(UNITS));
    expect(d.contracts.filter((c) => c.endDate < SAMPLE_TODAY).map((c) => c.id)).toEqual(['c-4200-21']);
    expect(d.contracts.filter((c) => c.startDate > SAMPLE_TODAY).map((c) => c.id)).toEqual(['c-4300-27']);
    expect(d.workspaces.filter((w) => w.contractIds.includes('c-4100-22')).map((w) => w.id)).toEqual(['ws-default', 'ws-finance']);
    expect(new Set(d.training.map((t) => t.workspaceId)).size).toBeGreaterThanOrEqual(2);
    expect(d.consumption.filter((r) => r.deliveredBy).length).toBeGreaterThan(d.consumption.length / 2);
  });
});
