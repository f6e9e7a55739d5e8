import { projectionDay, unusedAtEnd } from '../domain/burn-rate';
import { dayNumber } from '../domain/dates';
import { roundQuantity } from '../domain/quantity';
import type { Entitlement, Package } from '../domain/records';
import { SUMMARY_GROUPS, UNITS, type SummaryGroup, type Unit } from '../domain/vocabulary';
import { entitlementLine, type EntitlementLine } from './entitlement-line';
import type { QueryContext } from './query-context';
import type { ScopeInfo } from './scope';
import { activityScope, isActiveOn, pickContract } from './scope-data';
import type { Totals } from './totals';

export interface SummaryGroupLine extends Totals {
  group: SummaryGroup;
  unit: Unit;
  /** The entitlements summed on this line: the drilldown from it. */
  entitlementIds: string[];
}

export interface SummaryResult {
  scope: ScopeInfo;
  workspaceIds: string[];
  contractIds: string[];
  groups: SummaryGroupLine[];
  /** The entitlement that will leave the largest share unused at its package's end; null when none will. */
  lapse: EntitlementLine | null;
}

const GROUP_INDEX = Object.fromEntries(SUMMARY_GROUPS.map((g, i) => [g, i])) as Record<SummaryGroup, number>;
const UNIT_INDEX = Object.fromEntries(UNITS.map((u, i) => [u, i])) as Record<Unit, number>;

interface Accumulator {
  purchased: number;
  consumed: number;
  unused: number;
  ids: string[];
}

/**
 * Rule 6: the consumption entitlements of active enterprise packages, on the scope's contracts
 * whose dates include today, grouped by summary group and unit (totals never mix units).
 * Sums are accumulated without building a line per entitlement: a customer admin's "all" holds thousands.
 */
export function summaryQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): SummaryResult {
  const day = projectionDay(ctx.today);
  const { scope, workspaces, contracts } = activityScope(ctx);
  const chosen = flags.contract === undefined ? contracts : [pickContract(contracts, flags.contract)];
  // one slot per (group, unit), indexed by position: no key strings built per entitlement
  const sums: (Accumulator | undefined)[] = new Array<Accumulator | undefined>(SUMMARY_GROUPS.length * UNITS.length);
  let worst: { e: Entitlement; pkg: Package; share: number } | undefined;
  const unusedOf = unusedAtEnd; // a local: under tsx every read of an import is a getter call
  const unitCount = UNITS.length;
  for (const contract of chosen) {
    if (!isActiveOn(contract, ctx.today)) continue;
    for (const pkg of ctx.org.packagesOf(contract.id)) {
      if (pkg.kind !== 'enterprise' || pkg.status !== 'active') continue;
      const endNumber = dayNumber(pkg.endDate);
      for (const entry of ctx.org.consumptionOf(pkg.id)) {
        const { ledger, purchased } = entry;
        const unused = unusedOf(ledger, purchased - ledger.consumed, endNumber, day);
        const slot = GROUP_INDEX[entry.group] * unitCount + UNIT_INDEX[entry.unit];
        const acc = (sums[slot] ??= { purchased: 0, consumed: 0, unused: 0, ids: [] });
        acc.purchased += purchased;
        acc.consumed += ledger.consumed;
        acc.unused += unused;
        acc.ids.push(entry.id);
        const share = purchased > 0 ? unused / purchased : 0;
        if (unused > 0 && (!worst || share > worst.share)) worst = { e: entry.entitlement, pkg, share };
      }
    }
  }
  const groups: SummaryGroupLine[] = [];
  for (const group of SUMMARY_GROUPS) {
    for (const unit of UNITS) {
      const acc = sums[GROUP_INDEX[group] * UNITS.length + UNIT_INDEX[unit]];
      if (!acc) continue;
      groups.push({
        group,
        unit,
        purchased: roundQuantity(acc.purchased),
        consumed: roundQuantity(acc.consumed),
        remaining: roundQuantity(acc.purchased - acc.consumed),
        projectedUnusedAtExpiry: roundQuantity(acc.unused),
        entitlementIds: acc.ids,
      });
    }
  }
  return {
    scope,
    workspaceIds: workspaces.map((w) => w.id),
    contractIds: chosen.map((c) => c.id),
    groups,
    lapse: worst ? entitlementLine(ctx.org, worst.e, worst.pkg, day) : null,
  };
}
