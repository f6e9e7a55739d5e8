import { projectionDay } from '../domain/burn-rate';
import { daysLeft, expiresBy, windowEnd } from '../domain/expiry';
import { entitlementLine, type EntitlementLine } from './entitlement-line';
import { dateFlag, durationFlag } from './flags';
import { badRequest } from '../domain/errors';
import { daysBetween } from '../domain/dates';
import type { QueryContext } from './query-context';
import { activityScope } from './scope-data';
import { compareText } from './compare';
import type { ScopeInfo } from './scope';

export interface ExpiringPackage {
  id: string;
  name: string;
  contractId: string;
  contractNumber: string;
  kind: 'enterprise' | 'addon';
  endDate: string;
  daysLeft: number;
  entitlements: EntitlementLine[];
}

export interface ExpiringResult {
  scope: ScopeInfo;
  within: string;
  until: string;
  packages: ExpiringPackage[];
}

export const DEFAULT_WITHIN = 'P90D';

/** Rule 8: active packages of the scope's contracts ending from today to today + D, soonest first. */
export function expiringQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): ExpiringResult {
  const day = projectionDay(ctx.today);
  // "cosa scade entro fine anno?": an end date instead of a duration
  const untilDate = dateFlag(flags, 'until');
  if (untilDate !== undefined && flags.within !== undefined) {
    throw badRequest('errors.badRequest.badFlag', { flag: '--until', expected: 'either --within or --until, not both' });
  }
  const within = durationFlag(flags, 'within', untilDate ? `P${Math.max(0, daysBetween(ctx.today, untilDate))}D` : DEFAULT_WITHIN);
  const { scope, contracts } = activityScope(ctx);
  const until = untilDate ?? windowEnd(ctx.today, within);
  const packages: ExpiringPackage[] = [];
  for (const contract of contracts) {
    for (const pkg of ctx.org.packagesOf(contract.id)) {
      if (!expiresBy(pkg, ctx.today, until)) continue;
      packages.push({
        id: pkg.id,
        name: pkg.name,
        contractId: contract.id,
        contractNumber: contract.number,
        kind: pkg.kind,
        endDate: pkg.endDate,
        daysLeft: daysLeft(pkg.endDate, ctx.today),
        entitlements: ctx.org.entitlementsOf(pkg.id).map((e) => entitlementLine(ctx.org, e, pkg, day)),
      });
    }
  }
  packages.sort((a, b) => compareText(a.endDate, b.endDate) || compareText(a.name, b.name));
  const withinText = (flags.within ?? (untilDate ? `P${Math.max(0, daysBetween(ctx.today, untilDate))}D` : DEFAULT_WITHIN)).trim().toUpperCase();
  return { scope, within: withinText, until, packages };
}
