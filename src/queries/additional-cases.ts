import { ADDITIONAL_REASONS, additionalColumns, caseServices, reasonIndexAt, type AdditionalReason } from '../domain/additional-cases';
import { dayNumber } from '../domain/dates';
import { caseAccessIn, canSeeCase } from '../domain/case-visibility';
import type { SupportCase } from '../domain/records';
import type { QueryContext } from './query-context';
import { activityScope } from './scope-data';
import type { ScopeInfo } from './scope';

export interface AdditionalCaseLine {
  id: string;
  title: string;
  reason: AdditionalReason;
  service: string | null;
  status: string;
}

export interface AdditionalCasesResult {
  scope: ScopeInfo;
  /** Every additional case of the scope, seen or not (the view needs rule 2). */
  total: number;
  /**
   * Counted over all of them by the case's `service` as given (null when absent), most first;
   * `name` is the entitlement's name when it is one of the scope's (never another workspace's).
   */
  byService: { service: string | null; count: number; name?: string }[];
  byReason: { reason: AdditionalReason; count: number }[];
  /** Only those the user may see under rule 3. */
  cases: AdditionalCaseLine[];
}

// A line depends on the record and its reason only: made once per record (again only if the
// reason changes with the date), kept in an array aligned with the workspace's cases, so a
// customer admin's 20,000 lines are array reads.
const linesByList = new WeakMap<readonly SupportCase[], (AdditionalCaseLine | undefined)[]>();

function linesOf(cases: readonly SupportCase[]): (AdditionalCaseLine | undefined)[] {
  let lines = linesByList.get(cases);
  if (!lines) {
    lines = new Array<AdditionalCaseLine | undefined>(cases.length);
    linesByList.set(cases, lines);
  }
  return lines;
}

function lineOf(lines: (AdditionalCaseLine | undefined)[], index: number, c: SupportCase, reason: AdditionalReason): AdditionalCaseLine {
  let line = lines[index];
  if (!line || line.reason !== reason) {
    line = Object.freeze({ id: c.id, title: c.title, reason, service: c.service ?? null, status: c.status });
    lines[index] = line;
  }
  return line;
}

/** Rule 9 over the scope's workspaces. */
export function additionalCasesQuery(ctx: QueryContext): AdditionalCasesResult {
  const { scope, workspaces, contracts } = activityScope(ctx);
  const services = caseServices(ctx.org);
  const perService = new Int32Array(services.length);
  const perReason = new Int32Array(ADDITIONAL_REASONS.length);
  const cases: AdditionalCaseLine[] = [];
  let total = 0;
  const todayDay = dayNumber(ctx.today);
  // imported bindings as locals: under tsx every read of one is a getter call, in the hottest loop
  const indexAt = reasonIndexAt;
  const reasons = ADDITIONAL_REASONS;
  const canSee = canSeeCase;
  for (const w of workspaces) {
    const access = caseAccessIn(ctx.org, ctx.user, w.id);
    const columns = additionalColumns(ctx.org, w.id);
    const lines = linesOf(columns.cases);
    for (let i = 0; i < columns.cases.length; i += 1) {
      const reasonIndex = indexAt(columns, i, todayDay);
      if (reasonIndex < 0) continue;
      const c = columns.cases[i] as SupportCase;
      total += 1;
      const slot = columns.serviceSlot[i] as number;
      perService[slot] = (perService[slot] as number) + 1;
      perReason[reasonIndex] = (perReason[reasonIndex] as number) + 1;
      if (access === 'all' || canSee(ctx.org, ctx.user, c, access)) {
        cases.push(lineOf(lines, i, c, reasons[reasonIndex] as AdditionalReason));
      }
    }
  }
  const scopeContracts = new Set(contracts.map((c) => c.id));
  const nameInScope = (service: string): string | undefined => {
    const entitlement = ctx.org.entitlements.get(service);
    const pkg = entitlement && ctx.org.packages.get(entitlement.packageId);
    return pkg && scopeContracts.has(pkg.contractId) ? entitlement?.name : undefined;
  };
  // most first, ties in text order of the service (slots are): a counting sort, as counts are small
  // and a customer admin's scope has thousands of services
  const buckets: number[][] = [];
  for (let slot = 0; slot < perService.length; slot += 1) {
    const count = perService[slot] as number;
    if (count > 0) (buckets[count] ??= []).push(slot);
  }
  const byService: AdditionalCasesResult['byService'] = [];
  for (let count = buckets.length - 1; count > 0; count -= 1) {
    for (const slot of buckets[count] ?? []) {
      const service = services[slot] ?? null;
      const name = service === null ? undefined : nameInScope(service);
      byService.push(name ? { service, count, name } : { service, count });
    }
  }
  return {
    scope,
    total,
    byService,
    byReason: ADDITIONAL_REASONS.flatMap((reason, i) => {
      const count = perReason[i] as number;
      return count > 0 ? [{ reason, count }] : [];
    }),
    cases,
  };
}
