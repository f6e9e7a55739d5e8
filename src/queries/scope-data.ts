import { dateWithin } from '../domain/dates';
import { notFound } from '../domain/errors';
import type { Contract, Workspace } from '../domain/records';
import { closestNames } from '../domain/suggest';
import type { QueryContext } from './query-context';
import { activityWorkspaces, resolveScope, scopeInfo, type ScopeInfo } from './scope';

/** The Customer Activity slice of one question: the workspaces rule 2 opens and their contracts, each once. */
export interface ActivityScope {
  scope: ScopeInfo;
  workspaces: Workspace[];
  /** Every contract mapped to those workspaces; a contract mapped to several counts once (rule 5). */
  contracts: Contract[];
}

export function activityScope(ctx: QueryContext): ActivityScope {
  const scope = resolveScope(ctx.org, ctx.user, ctx.workspace);
  const workspaces = activityWorkspaces(ctx.org, ctx.user, scope);
  const seen = new Set<string>();
  const contracts: Contract[] = [];
  for (const w of workspaces) {
    for (const id of w.contractIds) {
      const contract = ctx.org.contracts.get(id);
      if (contract && !seen.has(id)) {
        seen.add(id);
        contracts.push(contract);
      }
    }
  }
  return { scope: scopeInfo(scope), workspaces, contracts };
}

export const isActiveOn = (contract: Contract, today: string): boolean =>
  dateWithin(today, contract.startDate, contract.endDate);

/**
 * `--contract ID|NUMBER` among the scope's contracts; otherwise "not found" suggesting only
 * numbers the user may see.
 */
export function pickContract(contracts: readonly Contract[], wanted: string): Contract {
  const w = wanted.trim();
  const match = contracts.find((c) => c.id === w) ?? contracts.find((c) => c.number.toLowerCase() === w.toLowerCase());
  if (match) return match;
  const suggestions = closestNames(
    w,
    contracts.map((c) => c.number),
  );
  throw notFound(suggestions.length ? 'errors.notFound.contractSuggest' : 'errors.notFound.contract', {
    name: w,
    suggestions,
  });
}
