import { projectionDay } from '../domain/burn-rate';
import { daysLeft } from '../domain/expiry';
import { notFound } from '../domain/errors';
import type { Contract, Package } from '../domain/records';
import { closestNames } from '../domain/suggest';
import { entitlementLine, type EntitlementLine } from './entitlement-line';
import { enumFlag } from './flags';
import type { QueryContext } from './query-context';
import { activityScope, isActiveOn, pickContract } from './scope-data';
import type { ScopeInfo } from './scope';
import { compareText } from './compare';

export interface PackageLine {
  id: string;
  name: string;
  contractId: string;
  kind: Package['kind'];
  status: Package['status'];
  startDate: string;
  endDate: string;
  daysLeft: number;
  entitlements: EntitlementLine[];
}

export interface PackagesResult {
  scope: ScopeInfo;
  /** The contract shown (rule 7: one at a time) and the others one can switch to. */
  contractId: string | null;
  contracts: { id: string; number: string; active: boolean }[];
  /** The filters applied, null when not. */
  status: 'active' | 'inactive' | null;
  packageFilter: string | null;
  packages: PackageLine[];
}

/** The contract shown when none is asked for: the active one ending last, else the latest. */
function defaultContract(contracts: readonly Contract[], today: string): Contract | undefined {
  const byEnd = [...contracts].sort((a, b) => compareText(b.endDate, a.endDate));
  return byEnd.find((c) => isActiveOn(c, today)) ?? byEnd[0];
}

/** Rule 7: the packages of one contract of the scope, filterable by package and status. */
export function packagesQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): PackagesResult {
  const day = projectionDay(ctx.today);
  const { scope, contracts } = activityScope(ctx);
  const status = enumFlag(flags, 'status', ['active', 'inactive'] as const);
  const contract = flags.contract === undefined ? defaultContract(contracts, ctx.today) : pickContract(contracts, flags.contract);
  let packages = contract ? [...ctx.org.packagesOf(contract.id)] : [];
  if (flags.package !== undefined) {
    const wanted = flags.package.trim();
    const match = packages.filter((p) => p.id === wanted || p.name.toLowerCase() === wanted.toLowerCase());
    if (match.length === 0) {
      const suggestions = closestNames(wanted, packages.map((p) => p.name));
      throw notFound(suggestions.length ? 'errors.notFound.packageSuggest' : 'errors.notFound.package', { name: wanted, suggestions });
    }
    packages = match;
  }
  if (status) packages = packages.filter((p) => p.status === status);
  packages.sort((a, b) => compareText(a.endDate, b.endDate) || compareText(a.name, b.name));
  return {
    scope,
    contractId: contract?.id ?? null,
    contracts: contracts.map((c) => ({ id: c.id, number: c.number, active: isActiveOn(c, ctx.today) })),
    status: status ?? null,
    packageFilter: flags.package?.trim() ?? null,
    packages: packages.map((p) => ({
      id: p.id,
      name: p.name,
      contractId: p.contractId,
      kind: p.kind,
      status: p.status,
      startDate: p.startDate,
      endDate: p.endDate,
      daysLeft: daysLeft(p.endDate, ctx.today),
      entitlements: ctx.org.entitlementsOf(p.id).map((e) => entitlementLine(ctx.org, e, p, day)),
    })),
  };
}
