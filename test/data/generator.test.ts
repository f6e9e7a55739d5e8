import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FileDataSource } from '../../src/data/file-source';
import { generateDataset, type GenerateOptions } from '../../src/data/generator';
import type { Dataset } from '../../src/domain/records';
import { CATEGORY_IDS, DELEGABLE_ROLE_IDS, UNITS } from '../../src/domain/vocabulary';
import { additionalReason, daysFrom } from './sample-facts';

const made: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]),
  );

const MEDIUM: GenerateOptions = { seed: 3, workspaces: 12, contracts: 30, consumption: 4000, cases: 600 };

describe('generator', () => {
  test('the same arguments write the same bytes; another seed writes other bytes', async () => {
    const [a, b, c] = [freshDir(), freshDir(), freshDir()];
    await generateDataset(MEDIUM, a);
    await generateDataset(MEDIUM, b);
    await generateDataset({ ...MEDIUM, seed: 4 }, c);
    expect(Object.keys(hashes(a))).toHaveLength(11);
    expect(hashes(b)).toEqual(hashes(a));
    const other = hashes(c);
    for (const [file, hash] of Object.entries(hashes(a))) expect([file, other[file] === hash]).toEqual([file, false]);
  });

  test('whatever the seed and size, the output loads and has the sizes asked for', async () => {
    const sizes = fc.record({
      seed: fc.nat(),
      workspaces: fc.integer({ min: 1, max: 4 }),
      contracts: fc.integer({ min: 1, max: 6 }),
      consumption: fc.integer({ min: 0, max: 300 }),
      cases: fc.integer({ min: 0, max: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(sizes, async (options) => {
        const dir = freshDir();
        const summary = await generateDataset(options, dir);
        const d = await new FileDataSource(dir).load();
        expect([d.workspaces.length, d.contracts.length, d.cases.length]).toEqual([options.workspaces, options.contracts, options.cases]);
        expect(d.consumption.length).toBe(summary.consumption);
        // fewer only when no package of the organization has started yet
        if (d.packages.some((p) => p.startDate <= '2026-11-22')) expect(summary.consumption).toBe(options.consumption);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 12 },
    );
  });

  describe('a medium organization', () => {
    let d: Dataset;
    beforeAll(async () => {
      const dir = freshDir();
      await generateDataset(MEDIUM, dir);
      d = await new FileDataSource(dir).load();
    });

    test('people: customer admins, admins, every role, invitations, personal accounts, with and without aadObjectId', () => {
      expect(d.users.some((u) => u.customerAdmin)).toBe(true);
      expect(d.workspaces.every((w) => w.adminIds.length > 0)).toBe(true);
      expect(new Set(d.memberships.flatMap((m) => m.roles))).toEqual(new Set(DELEGABLE_ROLE_IDS));
      expect(new Set(d.memberships.map((m) => m.status))).toEqual(new Set(['active', 'invited']));
      expect(new Set(d.users.map((u) => u.accountType))).toEqual(new Set(['work', 'personal']));
      expect(d.users.some((u) => u.aadObjectId) && d.users.some((u) => !u.aadObjectId)).toBe(true);
      expect(new Set(d.users.map((u) => u.email)).size).toBe(d.users.length);
      expect(d.groups.length).toBeGreaterThan(0);
    });

    test('contracts: expired, running and future, each in exactly one default workspace', () => {
      const state = (c: Dataset['contracts'][number]) =>
        c.endDate < '2026-11-22' ? 'expired' : c.startDate > '2026-11-22' ? 'future' : 'running';
      expect(new Set(d.contracts.map(state))).toEqual(new Set(['expired', 'running', 'future']));
      for (const c of d.contracts) {
        expect([c.id, d.workspaces.filter((w) => w.isDefault && w.contractIds.includes(c.id)).length]).toEqual([c.id, 1]);
      }
      expect(d.contracts.some((c) => d.workspaces.filter((w) => w.contractIds.includes(c.id)).length > 1)).toBe(true);
    });

    test('packages and entitlements of every kind, status, category and unit, some in overage', () => {
      expect(new Set(d.packages.map((p) => `${p.kind}/${p.status}`))).toEqual(
        new Set(['enterprise/active', 'enterprise/inactive', 'addon/active', 'addon/inactive']),
      );
      expect(new Set(d.entitlements.map((e) => e.category))).toEqual(new Set(CATEGORY_IDS));
      expect(new Set(d.entitlements.map((e) => e.unit))).toEqual(new Set(UNITS));
      expect(new Set(d.entitlements.map((e) => e.kind))).toEqual(new Set(['consumption', 'benefit']));
      const consumed = new Map<string, number>();
      for (const r of d.consumption) consumed.set(r.entitlementId, (consumed.get(r.entitlementId) ?? 0) + r.quantity);
      const remaining = d.entitlements.flatMap((e) => (e.kind === 'consumption' ? [e.purchased - (consumed.get(e.id) ?? 0)] : []));
      expect(remaining.some((r) => r < 0)).toBe(true);
      expect(remaining.some((r) => r > 0)).toBe(true);
      expect(d.entitlements.some((e) => e.actionUrl)).toBe(true);
    });

    test('consumption within its package, never after today, recent and older, some linked to cases', () => {
      const pkgOf = new Map(d.entitlements.map((e) => [e.id, d.packages.find((p) => p.id === e.packageId)]));
      for (const r of d.consumption) {
        const p = pkgOf.get(r.entitlementId);
        expect(p && r.date >= p.startDate && r.date <= p.endDate && r.date <= '2026-11-22').toBe(true);
      }
      expect(d.consumption.some((r) => daysFrom(r.date, '2026-11-22') < 90)).toBe(true);
      expect(d.consumption.some((r) => daysFrom(r.date, '2026-11-22') > 365)).toBe(true);
      expect(d.consumption.some((r) => r.caseId)).toBe(true);
    });

    test('cases with every rule-9 reason and without one', () => {
      const reasons = new Set(d.cases.map((c) => additionalReason(d, c)));
      expect(reasons).toEqual(
        new Set([null, 'contract-missing', 'contract-expired', 'contract-not-mapped', 'package-missing', 'service-missing', 'classification']),
      );
      expect(new Set(d.cases.map((c) => `${c.type}/${c.status}`)).size).toBe(4);
      expect(d.cases.some((c) => c.sharedWithIds.length > 0) && d.cases.some((c) => c.groupIds.length > 0)).toBe(true);
      expect(d.training.length).toBeGreaterThan(0);
    });
  });
});
