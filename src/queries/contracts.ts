import { daysBetween } from '../domain/dates';
import type { Contract } from '../domain/records';
import type { QueryContext } from './query-context';
import { activityScope, isActiveOn, pickContract } from './scope-data';
import type { ScopeInfo } from './scope';
import { compareText } from './compare';

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

/**
 * Every contract mapped to the scope (rules 2 and 5: a contract mapped to several counts once), or
 * the one `flags.contract` names ("when does contract 4100-22 end?"), else "not found".
 */
export function contractsQuery(ctx: QueryContext, flags: Readonly<Record<string, string>> = {}): ContractsResult {
  const { scope, contracts } = activityScope(ctx);
  const chosen = flags.contract === undefined ? contracts : [pickContract(contracts, flags.contract)];
  return {
    scope,
    contracts: [...chosen]
      .sort((a, b) => compareText(a.endDate, b.endDate) || compareText(a.number, b.number))
      .map((c) => ({
        id: c.id,
        number: c.number,
        type: c.type,
        startDate: c.startDate,
        endDate: c.endDate,
        daysLeft: daysBetween(ctx.today, c.endDate),
        active: isActiveOn(c, ctx.today),
      })),
  };
}
