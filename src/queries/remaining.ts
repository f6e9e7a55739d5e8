import { projectionDay } from '../domain/burn-rate';
import { badRequest } from '../domain/errors';
import { CATEGORY_GROUP, CATEGORY_IDS, SUMMARY_GROUPS, UNITS, type CategoryId, type SummaryGroup, type Unit } from '../domain/vocabulary';
import { entitlementLine, type EntitlementLine } from './entitlement-line';
import { enumFlag } from './flags';
import type { QueryContext } from './query-context';
import { activityScope, isActiveOn, pickContract } from './scope-data';
import { totalsOf, type Totals } from './totals';
import type { ScopeInfo } from './scope';

export interface RemainingResult {
  scope: ScopeInfo;
  /** The category asked for; null when a summary group was asked for instead. */
  category: CategoryId | null;
  group: SummaryGroup | null;
  /** Per unit: never a sum across units. */
  totals: ({ unit: Unit } & Totals)[];
  entitlements: EntitlementLine[];
}

/**
 * Consumed and remaining of one category (or of one summary group, optionally one unit: the
 * drilldown of a summary line): its consumption entitlements in the active packages (enterprise
 * and add-on) of the scope's contracts in force today.
 */
export function remainingQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): RemainingResult {
  const day = projectionDay(ctx.today);
  const category = enumFlag(flags, 'category', CATEGORY_IDS) ?? null;
  const group = enumFlag(flags, 'group', SUMMARY_GROUPS) ?? null;
  const unit = enumFlag(flags, 'unit', UNITS);
  if (!category && !group) throw badRequest('errors.badRequest.missingFlag', { flag: '--category', expected: CATEGORY_IDS.join(', ') });
  const wanted = (c: CategoryId, u: Unit): boolean =>
    (category === null || c === category) && (group === null || CATEGORY_GROUP[c] === group) && (unit === undefined || u === unit);
  const { scope, contracts } = activityScope(ctx);
  const chosen = flags.contract === undefined ? contracts : [pickContract(contracts, flags.contract)];
  const lines: EntitlementLine[] = [];
  for (const contract of chosen) {
    if (!isActiveOn(contract, ctx.today)) continue;
    for (const pkg of ctx.org.packagesOf(contract.id)) {
      // in force today: active, and its dates include today (a package past its end is not "left")
      if (pkg.status !== 'active' || pkg.endDate < ctx.today || pkg.startDate > ctx.today) continue;
      for (const e of ctx.org.entitlementsOf(pkg.id)) {
        if (e.kind === 'consumption' && wanted(e.category, e.unit)) lines.push(entitlementLine(ctx.org, e, pkg, day));
      }
    }
  }
  const totals = UNITS.flatMap((unit) => {
    const members = lines.filter((l) => l.unit === unit);
    return members.length === 0 ? [] : [{ unit, ...totalsOf(members) }];
  });
  return { scope, category, group, totals, entitlements: lines };
}
