import { projectionDay } from '../domain/burn-rate';
import { isRestricted } from '../domain/case-visibility';
import { badRequest, notFound } from '../domain/errors';
import type { Entitlement, Package } from '../domain/records';
import { closestNames } from '../domain/suggest';
import { roundQuantity } from '../domain/quantity';
import { entitlementLine, type EntitlementLine } from './entitlement-line';
import { dateFlag, intFlag } from './flags';
import type { QueryContext } from './query-context';
import { activityScope } from './scope-data';
import type { ScopeInfo } from './scope';

export interface HistoryItem {
  id: string;
  date: string;
  quantity: number;
  /** null when withheld (rule 4) or absent. */
  description: string | null;
  caseId: string | null;
  restricted: boolean;
}

export interface HistoryResult {
  scope: ScopeInfo;
  entitlement: EntitlementLine;
  since: string | null;
  until: string | null;
  /** Total quantity of the filtered records, all pages. */
  totalQuantity: number;
  totalItems: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: HistoryItem[];
  /** Quantity per calendar month over the filtered records, oldest first (at most the last 12). */
  byMonth: { month: string; quantity: number }[];
}

const MONTHS_SHOWN = 12;

function monthlyTotals(records: readonly { date: string; quantity: number }[]): { month: string; quantity: number }[] {
  // records are newest first: months arrive in descending order
  const months: { month: string; quantity: number }[] = [];
  for (const r of records) {
    const month = r.date.slice(0, 7);
    const last = months[months.length - 1];
    if (last?.month === month) last.quantity += r.quantity;
    else if (months.length === MONTHS_SHOWN) break;
    else months.push({ month, quantity: r.quantity });
  }
  return months.reverse().map((m) => ({ month: m.month, quantity: roundQuantity(m.quantity) }));
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

/** The entitlements the scope opens (any package of its contracts), by id. */
function findEntitlement(ctx: QueryContext, wanted: string, contractIds: ReadonlySet<string>): [Entitlement, Package] {
  const w = wanted.trim();
  const byId = ctx.org.entitlements.get(w);
  const byIdPackage = byId && ctx.org.packages.get(byId.packageId);
  if (byId && byIdPackage && contractIds.has(byIdPackage.contractId)) return [byId, byIdPackage];
  const candidates: [Entitlement, Package][] = [];
  for (const contractId of contractIds) {
    for (const pkg of ctx.org.packagesOf(contractId)) {
      for (const e of ctx.org.entitlementsOf(pkg.id)) candidates.push([e, pkg]);
    }
  }
  const match = candidates.find(([e]) => e.name.toLowerCase() === w.toLowerCase());
  if (match) return match;
  const suggestions = closestNames(w, [...new Set(candidates.map(([e]) => e.name))]);
  throw notFound(suggestions.length ? 'errors.notFound.entitlementSuggest' : 'errors.notFound.entitlement', { name: w, suggestions });
}

/** The drilldown of one entitlement: its totals and its records newest first, paged; rule 4 applies. */
export function historyQuery(ctx: QueryContext, flags: Readonly<Record<string, string>>): HistoryResult {
  const day = projectionDay(ctx.today);
  const { scope, contracts } = activityScope(ctx);
  if (flags.entitlement === undefined) {
    throw badRequest('errors.badRequest.missingFlag', { flag: '--entitlement', expected: 'an entitlement id' });
  }
  const since = dateFlag(flags, 'since');
  const until = dateFlag(flags, 'until');
  if (since && until && since > until) {
    throw badRequest('errors.badRequest.badFlag', { flag: '--since', expected: 'a date not after --until' });
  }
  const page = intFlag(flags, 'page', 1, 1, 1_000_000);
  const pageSize = intFlag(flags, 'page-size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const [entitlement, pkg] = findEntitlement(ctx, flags.entitlement, new Set(contracts.map((c) => c.id)));

  const ledger = ctx.org.ledgerOf(entitlement.id);
  const [start, end] = ledger.range(since, until);
  const totalItems = end - start;
  const from = start + (page - 1) * pageSize;
  const items = ledger.records.slice(from, Math.min(end, from + pageSize)).map((r) => {
    const restricted = isRestricted(ctx.org, ctx.user, r.caseId);
    return {
      id: r.id,
      date: r.date,
      quantity: r.quantity,
      description: restricted ? null : (r.description ?? null),
      caseId: restricted ? null : (r.caseId ?? null),
      restricted,
    };
  });
  return {
    scope,
    entitlement: entitlementLine(ctx.org, entitlement, pkg, day),
    since: since ?? null,
    until: until ?? null,
    totalQuantity: ledger.sum(since, until),
    totalItems,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(totalItems / pageSize)),
    items,
    byMonth: monthlyTotals(ledger.records.slice(start, end)),
  };
}
