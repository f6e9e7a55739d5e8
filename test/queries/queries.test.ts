import type { QueryContext } from '../../src/queries/query-context';
import { runQuery } from '../../src/queries/registry';
import { appErrorOf } from '../support/app-error';
import { TODAY, tinyOrg } from '../support/tiny-org';

const org = tinyOrg();
const as = (userId: string, workspace?: string): QueryContext => {
  const user = org.users.get(userId);
  if (!user) throw new Error(userId);
  return { org, user, today: TODAY, workspace };
};
const run = (name: string, ctx: QueryContext, flags: Record<string, string> = {}) =>
  runQuery(name, ctx, flags) as Record<string, unknown>;

describe('summary (rule 6)', () => {
  it('sums active enterprise packages on contracts in force, per group and unit, overage negative', () => {
    const r = run('summary', as('admin', 'W1'));
    expect(r.workspaceIds).toEqual(['W1']);
    expect(r.groups).toEqual([
      expect.objectContaining({ group: 'integrated-proactive', unit: 'credits', purchased: 120, consumed: 58.5, remaining: 61.5 }),
      expect.objectContaining({ group: 'integrated-proactive', unit: 'count', purchased: 2, consumed: 1, remaining: 1 }),
      expect.objectContaining({ group: 'support-as-needed', unit: 'hours', purchased: 10, consumed: 11.6, remaining: -1.6 }),
    ]);
  });

  it('counts a contract mapped to several workspaces once on "all"', () => {
    const all = run('summary', as('admin', 'all'));
    expect(all.groups).toEqual(run('summary', as('admin', 'W1')).groups);
    expect(all.workspaceIds).toEqual(['W1', 'W2']);
  });

  it('projects the burn rate of the last 90 days to the package end', () => {
    const r = run('remaining', as('admin', 'W1'), { category: 'proactive-credits' }) as { entitlements: { id: string; projection: unknown }[] };
    expect(r.entitlements.find((e) => e.id === 'E1')?.projection).toEqual({
      burnRatePerDay: 0.2,
      consumedLast90Days: 18,
      projectedUnusedAtExpiry: 47.5,
      projectedExhaustionDate: null,
    });
    const hours = run('remaining', as('admin', 'W1'), { category: 'reactive-support' }) as { entitlements: { id: string; projection: unknown }[] };
    expect(hours.entitlements.find((e) => e.id === 'E2')?.projection).toMatchObject({ projectedUnusedAtExpiry: 0, projectedExhaustionDate: null });
  });

  it('leads with the entitlement that will leave the largest share unused', () => {
    const r = run('summary', as('admin', 'W1'));
    expect(r.lapse).toMatchObject({ id: 'E3', projection: { projectedUnusedAtExpiry: 1 } }); // 1 of 2 workshops beats 47.5 of 120 credits
    expect(r.groups).toContainEqual(expect.objectContaining({ group: 'integrated-proactive', unit: 'credits', projectedUnusedAtExpiry: 47.5, entitlementIds: ['E1'] }));
  });

  it('narrows to one contract by id or number, and refuses a contract outside the scope', () => {
    expect(run('summary', as('admin', 'W1'), { contract: '4100-22' }).contractIds).toEqual(['C1']);
    const e = appErrorOf(() => run('summary', as('analyst'), { contract: '4200-27' }));
    expect(e.code).toBe('not-found');
  });

  it('refuses, naming role and workspace, instead of answering with nothing', () => {
    const e = appErrorOf(() => run('summary', as('viewer')));
    expect(e.code).toBe('forbidden');
    expect(e.params).toMatchObject({ role: 'customer-activity', workspace: 'Finance' });
  });

  it('on "all" uses only the workspaces where rule 2 holds', () => {
    expect(run('summary', as('plain', 'all')).workspaceIds).toEqual(['W2']);
    expect(appErrorOf(() => run('summary', as('viewer', 'all'))).code).toBe('forbidden');
  });
});

describe('expiring (rule 8)', () => {
  it('lists active packages ending from today to today + D, soonest first', () => {
    const r = run('expiring', as('admin', 'W1'), { within: 'P90D' }) as { packages: { id: string; daysLeft: number }[] };
    expect(r.packages.map((p) => [p.id, p.daysLeft])).toEqual([['P2', 7], ['P1', 70]]);
    const week = run('expiring', as('admin', 'W1'), { within: 'P1W' }) as { packages: { id: string }[] };
    expect(week.packages.map((p) => p.id)).toEqual(['P2']);
  });

  it('names the flag and the form on a bad duration', () => {
    const e = appErrorOf(() => run('expiring', as('admin'), { within: '90 days' }));
    expect(e.code).toBe('bad-request');
    expect(e.params.flag).toBe('--within');
  });
});

describe('history (drilldown, rule 4)', () => {
  it('pages newest first and withholds what a restricted record would reveal', () => {
    const r = run('history', as('analyst'), { entitlement: 'E1', 'page-size': '2' });
    expect(r).toMatchObject({ totalItems: 3, page: 1, pageSize: 2, pageCount: 2 });
    expect(r.items).toEqual([
      { id: 'R1', date: '2026-11-20', quantity: 9, description: null, caseId: null, restricted: true },
      { id: 'R2', date: '2026-09-01', quantity: 9, description: null, caseId: null, restricted: false },
    ]);
    expect(run('history', as('analyst'), { entitlement: 'E1', page: '2', 'page-size': '2' }).items).toEqual([
      expect.objectContaining({ id: 'R3', description: 'Workshop delivery' }),
    ]);
  });

  it('shows the case to whoever may see it', () => {
    const r = run('history', as('plain', 'Sales'), { entitlement: 'E1', since: '2026-11-01' });
    expect(r.items).toEqual([expect.objectContaining({ id: 'R1', caseId: 'K2', description: 'Assessment', restricted: false })]);
  });

  it('filters by inclusive dates and checks them', () => {
    const r = run('history', as('admin'), { entitlement: 'E1', since: '2026-03-01', until: '2026-09-01' });
    expect((r.items as { id: string }[]).map((i) => i.id)).toEqual(['R2', 'R3']);
    expect(r.totalQuantity).toBe(49.5);
    expect(appErrorOf(() => run('history', as('admin'), { entitlement: 'E1', since: '2026-13-01' })).params.flag).toBe('--since');
    expect(appErrorOf(() => run('history', as('admin'), { entitlement: 'E1', page: '0' })).params.flag).toBe('--page');
  });

  it('does not open an entitlement outside the scope, and suggests visible names', () => {
    expect(appErrorOf(() => run('history', as('analyst'), { entitlement: 'E999' })).code).toBe('not-found');
    const e = appErrorOf(() => run('history', as('analyst'), { entitlement: 'Proactive credit' }));
    expect(e.params.suggestions).toContain('Proactive credits');
  });
});

describe('cases (rule 3) and additional cases (rule 9)', () => {
  it('lists only the cases the user may see', () => {
    const ids = (userId: string, flags: Record<string, string> = {}) =>
      (run('cases', as(userId), flags).cases as { id: string }[]).map((c) => c.id);
    expect(ids('plain')).toEqual(['K3']);
    expect(ids('viewer')).toHaveLength(7);
    expect(ids('viewer', { status: 'closed' })).toEqual(['K8']);
  });

  it('gives a customer admin on "all" every case of the organization, newest first', () => {
    const all = (run('cases', as('admin', 'all')).cases as { id: string; createdAt: string }[]).map((c) => c.id);
    expect(all).toEqual(['K1', 'K2', 'K8', 'K7', 'K6', 'K5', 'K4', 'K3']);
    expect((run('cases', as('admin', 'all'), { status: 'closed' }).cases as { id: string }[]).map((c) => c.id)).toEqual(['K2', 'K8']);
  });

  it('counts every additional case, lists only visible ones with the first reason', () => {
    const r = run('additional-cases', as('analyst'));
    expect(r.total).toBe(6);
    expect(r.byService).toEqual([
      { service: null, count: 4 },
      { service: 'E1', count: 1, name: 'Proactive credits' },
      { service: 'E5', count: 1, name: 'Security credits' },
    ]);
    expect(r.cases).toEqual([expect.objectContaining({ id: 'K3', reason: 'contract-expired' })]);
  });
});

describe('the other queries', () => {
  it('contracts: every contract of the scope once, with days left and whether in force', () => {
    const r = run('contracts', as('admin', 'all')) as { contracts: { id: string; active: boolean; daysLeft: number }[] };
    expect(r.contracts.map((c) => [c.id, c.active])).toEqual([['C2', false], ['C1', true], ['C3', false]]);
  });

  it('account team: people of the active contracts, each once', () => {
    const r = run('account-team', as('admin', 'all')) as { team: { role: string; email: string }[] };
    expect(r.team.map((m) => [m.role, m.email])).toEqual([
      ['csam', 'carla@microsoft.com'],
      ['account-coordinator', 'aldo@microsoft.com'],
    ]);
  });

  it('training report (rule 13): learning managers and admins only', () => {
    expect((run('training-report', as('learner')).records as { id: string }[]).map((x) => x.id)).toEqual(['T1']);
    expect(appErrorOf(() => run('training-report', as('analyst'))).params.role).toBe('learning-manager');
    expect((run('training-report', as('admin', 'all')).records as unknown[]).length).toBe(2);
  });

  it('remaining: one category across active packages, per unit', () => {
    const r = run('remaining', as('admin'), { category: 'proactive-credits' });
    expect(r.totals).toEqual([{ unit: 'credits', purchased: 150, consumed: 58.5, remaining: 91.5, projectedUnusedAtExpiry: expect.any(Number) }]);
  });

  it('workspaces: visible ones with the roles held', () => {
    expect(run('workspaces', as('plain')).workspaces).toEqual([
      { id: 'W1', name: 'Finance', isDefault: true, roles: [] },
      { id: 'W2', name: 'Sales', isDefault: false, roles: ['customer-activity'] },
    ]);
  });
});

describe('scope and input errors', () => {
  it('answers an invisible workspace as not found, suggesting only visible names', () => {
    const hidden = appErrorOf(() => run('contracts', as('analyst', 'Sales')));
    expect(hidden.code).toBe('not-found');
    expect(JSON.stringify(hidden.params)).not.toContain('Sales"]');
    expect(hidden.params.suggestions ?? []).toEqual([]);
    expect(appErrorOf(() => run('contracts', as('analyst', 'Finanse'))).params.suggestions).toEqual(['Finance']);
  });

  it('rejects unknown queries and flags as bad requests', () => {
    expect(appErrorOf(() => run('nope', as('admin'))).code).toBe('bad-request');
    expect(appErrorOf(() => run('summary', as('admin'), { within: 'P1D' })).params.flag).toBe('--within');
  });
});
