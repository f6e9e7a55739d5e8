import { ADDITIONAL_REASONS, caseServices, forEachAdditionalCase, type AdditionalReason } from '../domain/additional-cases';
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
  /** Counted over all of them by the case's `service` as given (null when absent), most first. */
  byService: { service: string | null; count: number }[];
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

const REASON_INDEX = Object.fromEntries(ADDITIONAL_REASONS.map((r, i) => [r, i])) as Record<AdditionalReason, number>;

/** Rule 9 over the scope's workspaces. */
export function additionalCasesQuery(ctx: QueryContext): AdditionalCasesResult {
  const { scope, workspaces } = activityScope(ctx);
  const services = caseServices(ctx.org);
  const perService = new Int32Array(services.length);
  const perReason = new Int32Array(ADDITIONAL_REASONS.length);
  const cases: AdditionalCaseLine[] = [];
  let total = 0;
  for (const w of workspaces) {
    const access = caseAccessIn(ctx.org, ctx.user, w.id);
    const lines = linesOf(ctx.org.casesIn(w.id));
    forEachAdditionalCase(ctx.org, w.id, ctx.today, (c, reason, slot, index) => {
      total += 1;
      perService[slot] = (perService[slot] as number) + 1;
      perReason[REASON_INDEX[reason]] = (perReason[REASON_INDEX[reason]] as number) + 1;
      if (access === 'all' || canSeeCase(ctx.org, ctx.user, c, access)) cases.push(lineOf(lines, index, c, reason));
    });
  }
  // slots are in text order of the service, so a stable sort by count keeps ties in that order
  const used: number[] = [];
  for (let slot = 0; slot < perService.length; slot += 1) if ((perService[slot] as number) > 0) used.push(slot);
  used.sort((a, b) => (perService[b] as number) - (perService[a] as number) || a - b);
  return {
    scope,
    total,
    byService: used.map((slot) => ({ service: services[slot] ?? null, count: perService[slot] as number })),
    byReason: ADDITIONAL_REASONS.flatMap((reason, i) => {
      const count = perReason[i] as number;
      return count > 0 ? [{ reason, count }] : [];
    }),
    cases,
  };
}
