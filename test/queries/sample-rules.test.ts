import type { OrgIndex } from '../../src/domain/org-index';
import { runQuery } from '../../src/queries/registry';
import { appErrorOf } from '../support/app-error';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';

// domain.md rule by rule, through the query layer, on the shipped sample (data/sample/README.md).

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

const email = (name: string): string =>
  name.includes('@') ? name : `${name}@${name.includes('deluca') || name.includes('fontana') ? 'outlook.it' : 'contoso.com'}`;

function ask(who: string, name: string, workspace?: string, flags: Record<string, string> = {}): Record<string, unknown> {
  const user = org.userByEmail(email(who));
  if (!user) throw new Error(who);
  return runQuery(name, { org, user, today: SAMPLE_TODAY, workspace }, flags) as Record<string, unknown>;
}


const ids = (list: unknown, key = 'id'): string[] => (list as Record<string, string>[]).map((x) => x[key] as string);

describe('rule 1: membership first', () => {
  it.each(['luca.esposito', 'sara.gallo', 'davide.conti'])('%s sees no workspace', (who) => {
    expect(ask(who, 'workspaces').workspaces).toEqual([]);
    expect(appErrorOf(() => ask(who, 'summary')).code).toBe('forbidden');
  });

  it('a customer admin sees all five', () => {
    expect(ids(ask('anna.bianchi', 'workspaces').workspaces)).toEqual(['ws-default', 'ws-finance', 'ws-sales', 'ws-hr', 'ws-partner']);
  });
});

describe('rule 2: Customer Activity needs a role', () => {
  it.each([
    ['mario.rossi', 'ws-finance'],
    ['laura.rinaldi', 'ws-default'],
    ['francesca.romano', 'ws-sales'],
    ['elena.marino', 'ws-hr'],
    ['simone.fontana', 'ws-partner'],
    ['giulia.verdi', 'ws-finance'],
    ['federica.lombardi', 'ws-sales'],
    ['roberto.greco', 'ws-hr'],
    ['alessandro.deluca', 'ws-partner'],
  ])('%s may in %s', (who, ws) => {
    expect(ask(who, 'contracts', ws).contracts).not.toHaveLength(0);
  });

  it.each([
    ['marco.bruno', 'ws-finance'],
    ['paolo.colombo', 'ws-finance'],
    ['valentina.barbieri', 'ws-finance'],
    ['giulia.verdi', 'ws-sales'],
    ['stefano.moretti', 'ws-sales'],
    ['chiara.ricci', 'ws-hr'],
    ['alessandro.deluca', 'ws-sales'],
  ])('%s is refused in %s, with customer-activity named', (who, ws) => {
    const e = appErrorOf(() => ask(who, 'summary', ws));
    expect(e.code).toBe('forbidden');
    expect(e.params).toMatchObject({ role: 'customer-activity', workspaceId: ws });
  });
});

describe('rule 3: who sees a case', () => {
  it.each([
    ['marco.bruno', 'ws-finance', ['case-01', 'case-03', 'case-07', 'case-10']],
    ['valentina.barbieri', 'ws-finance', ['case-02', 'case-06']],
    ['roberto.greco', 'ws-hr', ['case-15', 'case-17']],
    ['chiara.ricci', 'ws-hr', ['case-17']],
  ])('%s in %s: %j', (who, ws, expected) => {
    expect(ids(ask(who, 'cases', ws).cases).sort()).toEqual(expected);
  });

  it('view-all-support-requests opens every case of the workspace', () => {
    const finance = org.casesIn('ws-finance').map((c) => c.id).sort();
    expect(ids(ask('paolo.colombo', 'cases', 'ws-finance').cases).sort()).toEqual(finance);
  });

  it('keeps out the cases no way leads to', () => {
    expect(ids(ask('roberto.greco', 'cases', 'ws-hr').cases)).not.toContain('case-16');
    expect(ids(ask('federica.lombardi', 'cases', 'ws-sales').cases)).not.toContain('case-13');
    expect(ids(ask('giulia.verdi', 'cases', 'ws-finance').cases)).not.toEqual(expect.arrayContaining(['case-01']));
  });
});

describe('rule 4: restricted records in a drilldown', () => {
  it.each([
    ['giulia.verdi', 'ws-finance', ['cr-036', 'cr-037', 'cr-039', 'cr-041', 'cr-042', 'cr-049', 'cr-050']],
    ['federica.lombardi', 'ws-sales', ['cr-062', 'cr-063', 'cr-066', 'cr-067']],
    ['roberto.greco', 'ws-hr', ['cr-083']],
  ])('%s in %s sees date and quantity only of %j', (who, ws, expected) => {
    const restricted: string[] = [];
    const workspace = org.workspaces.get(ws);
    for (const contractId of workspace?.contractIds ?? []) {
      for (const pkg of org.packagesOf(contractId)) {
        for (const e of org.entitlementsOf(pkg.id)) {
          if (e.kind !== 'consumption') continue;
          const page = ask(who, 'history', ws, { entitlement: e.id, 'page-size': '100' });
          for (const item of page.items as { id: string; restricted: boolean; description: unknown; caseId: unknown }[]) {
            if (!item.restricted) continue;
            restricted.push(item.id);
            expect(item).toMatchObject({ description: null, caseId: null });
          }
        }
      }
    }
    expect(restricted.sort()).toEqual(expected);
  });
});

describe('rules 5 and 6: "all" and the enterprise view', () => {
  it('counts c-4100-22 once for Giulia and never opens Sales', () => {
    const all = ask('giulia.verdi', 'summary', 'all');
    expect(all.workspaceIds).toEqual(['ws-default', 'ws-finance']);
    expect((all.contractIds as string[]).filter((id) => id === 'c-4100-22')).toHaveLength(1);
  });

  it('sums Finance as the README table says', () => {
    const rows = (ask('mario.rossi', 'summary', 'ws-finance').groups as Record<string, unknown>[]).map((g) => [
      g.group,
      g.unit,
      g.purchased,
      g.consumed,
      g.remaining,
    ]);
    expect(rows).toEqual([
      ['integrated-proactive', 'credits', 500, 400, 100],
      ['integrated-proactive', 'hours', 280, 246, 34],
      ['integrated-proactive', 'count', 6, 4, 2],
      ['support-as-needed', 'hours', 160, 44, 116],
      ['on-demand-education', 'seats', 50, 38, 12],
      ['support-contacts', 'count', 10, 8, 2],
    ]);
  });
});

describe('rules 7 and 8: add-ons and expiry', () => {
  it('shows one contract at a time, filterable by status', () => {
    expect(ids(ask('anna.bianchi', 'packages', 'all', { contract: 'c-4100-22', status: 'inactive' }).packages)).toEqual(['pkg-03']);
  });

  it.each([
    ['P7D', ['pkg-11', 'pkg-02']],
    ['P30D', ['pkg-11', 'pkg-02', 'pkg-05']],
    ['P90D', ['pkg-11', 'pkg-02', 'pkg-05', 'pkg-04', 'pkg-10']],
    ['P3M', ['pkg-11', 'pkg-02', 'pkg-05', 'pkg-04', 'pkg-10', 'pkg-09']],
  ])('within %s: %j', (within, expected) => {
    expect(ids(ask('anna.bianchi', 'expiring', 'all', { within }).packages)).toEqual(expected);
  });
});

describe('rule 9: additional cases', () => {
  it('counts Finance by service and lists only what Giulia may see', () => {
    const r = ask('giulia.verdi', 'additional-cases', 'ws-finance');
    expect(r.total).toBe(8);
    expect((r.byService as { service: string | null; count: number }[]).map(({ service, count }) => ({ service, count }))).toEqual([
      { service: null, count: 4 },
      { service: 'ent-05', count: 2 },
      { service: 'ent-10', count: 1 },
      { service: 'ent-14', count: 1 },
    ]);
    // named only when the entitlement is one of the scope's contracts
    for (const s of r.byService as { service: string | null; name?: string }[]) {
      const e = s.service ? org.entitlements.get(s.service) : undefined;
      const inScope = e && org.workspaces.get('ws-finance')?.contractIds.includes(org.packages.get(e.packageId)?.contractId ?? '');
      expect(s.name).toBe(inScope ? e?.name : undefined);
    }
    expect(ids(r.cases).sort()).toEqual(['case-05', 'case-11']);
  });

  it('gives every reason, the first in the rule order', () => {
    const reasons = Object.fromEntries(
      (['ws-finance', 'ws-sales', 'ws-hr', 'ws-default'] as const).flatMap((ws) =>
        (ask('anna.bianchi', 'additional-cases', ws).cases as { id: string; reason: string }[]).map((c) => [c.id, c.reason]),
      ),
    );
    expect(reasons).toMatchObject({
      'case-04': 'contract-missing',
      'case-05': 'contract-missing',
      'case-15': 'contract-expired',
      'case-06': 'contract-not-mapped',
      'case-07': 'package-missing',
      'case-08': 'package-missing',
      'case-09': 'service-missing',
      'case-10': 'service-missing',
      'case-11': 'classification',
      'case-13': 'classification',
      'case-16': 'classification',
      'case-18': 'classification',
    });
    for (const none of ['case-01', 'case-02', 'case-03', 'case-12', 'case-14', 'case-17', 'case-19']) expect(reasons[none]).toBeUndefined();
  });
});

describe('rule 13: training report', () => {
  it.each(['valentina.barbieri', 'mario.rossi', 'anna.bianchi'])('%s exports Finance', (who) => {
    expect(ids(ask(who, 'training-report', 'ws-finance').records).sort()).toEqual(['tr-01', 'tr-02', 'tr-03', 'tr-04']);
  });

  it.each(['marco.bruno', 'giulia.verdi'])('%s may not', (who) => {
    expect(appErrorOf(() => ask(who, 'training-report', 'ws-finance')).params.role).toBe('learning-manager');
  });
});

describe('expiry by an end date', () => {
  it('"by the end of the year" is the window from today to that date', () => {
    expect(ids(ask('anna.bianchi', 'expiring', 'all', { until: '2026-12-31' }).packages)).toEqual(['pkg-11', 'pkg-02', 'pkg-05', 'pkg-04']);
    expect(appErrorOf(() => ask('anna.bianchi', 'expiring', 'all', { until: '2026-12-31', within: 'P1D' })).params.flag).toBe('--until');
  });
});
