import { daysBetween, dateWithin } from '../domain/dates';
import type { Contract } from '../domain/records';
import type { QueryContext } from './query-context';
import { activityWorkspaces, resolveScope, scopeInfo, type ScopeInfo } from './scope';

export interface ContractLine {
  id: string;
  number: string;
  type: Contract['type'];
  startDate: string;
  endDate: string;
  daysLeft: number;
  active: boolean;
}

export interface ContractsResult {
  scope: ScopeInfo;
  contracts: ContractLine[];
}

/** Every contract mapped to the scope (rules 2 and 5: a contract mapped to several counts once). */
export function contractsQuery(ctx: QueryContext): ContractsResult {
  const scope = resolveScope(ctx.org, ctx.user, ctx.workspace);
  const workspaces = activityWorkspaces(ctx.org, ctx.user, scope);
  const ids = new Set(workspaces.flatMap((w) => w.contractIds));
  const contracts = [...ids]
    .map((id) => ctx.org.contracts.get(id))
    .filter((c): c is Contract => c !== undefined)
    .sort((a, b) => a.endDate.localeCompare(b.endDate) || a.number.localeCompare(b.number));
  return {
    scope: scopeInfo(scope),
    contracts: contracts.map((c) => ({
      id: c.id,
      number: c.number,
      type: c.type,
      startDate: c.startDate,
      endDate: c.endDate,
      daysLeft: daysBetween(ctx.today, c.endDate),
      active: dateWithin(ctx.today, c.startDate, c.endDate),
    })),
  };
}
