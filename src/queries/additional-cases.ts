import { forEachAdditionalCase, type AdditionalReason } from '../domain/additional-cases';
import { caseAccessIn, canSeeCase } from '../domain/case-visibility';
import type { QueryContext } from './query-context';
import { activityScope } from './scope-data';
import type { ScopeInfo } from './scope';
import { compareText } from './compare';

export interface AdditionalCasesResult {
  scope: ScopeInfo;
  /** Every additional case of the scope, seen or not (the view needs rule 2). */
  total: number;
  /** Counted over all of them by the case's `service` as given; null when absent. */
  byService: { service: string | null; count: number }[];
  byReason: { reason: AdditionalReason; count: number }[];
  /** Only those the user may see under rule 3. */
  cases: { id: string; title: string; reason: AdditionalReason; service: string | null; status: string }[];
}

/** Rule 9 over the scope's workspaces. */
export function additionalCasesQuery(ctx: QueryContext): AdditionalCasesResult {
  const { scope, workspaces } = activityScope(ctx);
  const byService = new Map<string | null, number>();
  const byReason = new Map<AdditionalReason, number>();
  const cases: AdditionalCasesResult['cases'] = [];
  let total = 0;
  for (const w of workspaces) {
    const access = caseAccessIn(ctx.org, ctx.user, w.id);
    forEachAdditionalCase(ctx.org, w.id, ctx.today, (c, reason) => {
      total += 1;
      const service = c.service ?? null;
      byService.set(service, (byService.get(service) ?? 0) + 1);
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      if (canSeeCase(ctx.org, ctx.user, c, access)) cases.push({ id: c.id, title: c.title, reason, service, status: c.status });
    });
  }
  return {
    scope,
    total,
    byService: [...byService]
      .map(([service, count]) => ({ service, count }))
      .sort((a, b) => b.count - a.count || compareText(String(a.service), String(b.service))),
    byReason: [...byReason].map(([reason, count]) => ({ reason, count })),
    cases,
  };
}
