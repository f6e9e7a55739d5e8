import { SUMMARY_GROUPS, UNITS, type SummaryGroup, type Unit } from '../domain/vocabulary';
import { entitlementLine, type EntitlementLine } from './entitlement-line';
import type { QueryContext } from './query-context';
import { activityScope, isActiveOn, pickContract } from './scope-data';
import type { ScopeInfo } from './scope';
import { totalsOf, type Totals } from './totals';

export interface SummaryGroupLine extends Totals {
  group: SummaryGroup;
  unit: Unit;
  entitlementIds: string[];
}

export interface SummaryResult {
  scope: ScopeInfo;
  workspaceIds: string[];
  contractIds: string[];
  groups: SummaryGroupLine[];
  entitlements: EntitlementLine[];
}

/**
 * Rule 6: the consumption entitlements of active enterprise packages, on the scope's contracts
 * whose dates include today, grouped by summary group and unit (totals never mix units).
 */
export function summaryQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): SummaryResult {
  const { scope, workspaces, contracts } = activityScope(ctx);
  const chosen = flags.contract === undefined ? contracts : [pickContract(contracts, flags.contract)];
  const lines: EntitlementLine[] = [];
  for (const contract of chosen) {
    if (!isActiveOn(contract, ctx.today)) continue;
    for (const pkg of ctx.org.packagesOf(contract.id)) {
      if (pkg.kind !== 'enterprise' || pkg.status !== 'active') continue;
      for (const e of ctx.org.entitlementsOf(pkg.id)) {
        if (e.kind === 'consumption') lines.push(entitlementLine(ctx.org, e, pkg, ctx.today));
      }
    }
  }
  const groups: SummaryGroupLine[] = [];
  for (const group of SUMMARY_GROUPS) {
    for (const unit of UNITS) {
      const members = lines.filter((l) => l.group === group && l.unit === unit);
      if (members.length === 0) continue;
      groups.push({
        group,
        unit,
        ...totalsOf(members),
        entitlementIds: members.map((l) => l.id),
      });
    }
  }
  return {
    scope,
    workspaceIds: workspaces.map((w) => w.id),
    contractIds: chosen.map((c) => c.id),
    groups,
    entitlements: lines,
  };
}
