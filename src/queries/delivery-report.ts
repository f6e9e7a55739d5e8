import { isRestricted } from '../domain/case-visibility';
import { addDays, dayNumber } from '../domain/dates';
import { addDuration } from '../domain/durations';
import { badRequest } from '../domain/errors';
import type { ConsumptionEntry } from '../domain/org-index';
import type { ConsumptionRecord, Contract, Package } from '../domain/records';
import type { CategoryId, Unit } from '../domain/vocabulary';
import { compareText } from './compare';
import { dateFlag } from './flags';
import type { QueryContext } from './query-context';
import type { ScopeInfo } from './scope';
import { activityScope } from './scope-data';

/** One consumption record of the proof of delivery (interfaces.md, report `delivery`). */
export interface DeliveryRow {
  /** The consumption record's id: never written to a file, there for callers that cross-check. */
  id: string;
  date: string;
  contractNumber: string;
  packageName: string;
  entitlementName: string;
  category: CategoryId;
  unit: Unit;
  quantity: number;
  /** null when withheld (rule 4) or absent. */
  description: string | null;
  caseId: string | null;
  restricted: boolean;
}

/** What one entitlement of one contract delivered in the period, in its unit. */
export interface DeliveryTotal {
  contractNumber: string;
  packageName: string;
  entitlementName: string;
  category: CategoryId;
  unit: Unit;
  records: number;
  quantity: number;
}

export interface DeliveryReport {
  scope: ScopeInfo;
  workspaceIds: string[];
  since: string;
  until: string;
  rowCount: number;
  /** Oldest first, then by contract number, package, entitlement (names, then ids) and record id. */
  rows: DeliveryRows;
  /** Per contract × entitlement (one unit each), in the order of the rows; only entitlements with records. */
  totals: DeliveryTotal[];
}

const TWELVE_MONTHS_BACK = { years: 0, months: -12, weeks: 0, days: 0 };

/** The default period: the 12 months that end on `until` (today unless given), both ends included. */
export function deliveryPeriod(today: string, flags: { since?: string; until?: string }): { since: string; until: string } {
  const given: Record<string, string> = {};
  if (flags.since !== undefined) given.since = flags.since;
  if (flags.until !== undefined) given.until = flags.until;
  const until = dateFlag(given, 'until') ?? today;
  const since = dateFlag(given, 'since') ?? addDays(addDuration(until, TWELVE_MONTHS_BACK), 1);
  if (since > until) throw badRequest('errors.badRequest.badFlag', { flag: '--since', expected: 'a date not after --until' });
  return { since, until };
}

/** A ledger slice of one entitlement in the period, walked oldest first. */
interface Source {
  entry: ConsumptionEntry;
  contract: Contract;
  pkg: Package;
  /** Newest-first ledger index range [start, end) of the period. */
  start: number;
  end: number;
}

function sourcesOf(ctx: QueryContext, contracts: readonly Contract[], since: string, until: string): Source[] {
  const sources: Source[] = [];
  for (const contract of contracts) {
    for (const pkg of ctx.org.packagesOf(contract.id)) {
      for (const entry of ctx.org.consumptionOf(pkg.id)) {
        const [start, end] = entry.ledger.range(since, until);
        if (end > start) sources.push({ entry, contract, pkg, start, end });
      }
    }
  }
  // the position in this list is the tie-break between sources on the same day
  return sources.sort(
    (a, b) =>
      compareText(a.contract.number, b.contract.number) ||
      compareText(a.contract.id, b.contract.id) ||
      compareText(a.pkg.name, b.pkg.name) ||
      compareText(a.pkg.id, b.pkg.id) ||
      compareText(a.entry.entitlement.name, b.entry.entitlement.name) ||
      compareText(a.entry.id, b.entry.id),
  );
}

/** Rules 2, 4 and 5: every consumption record of the scope's contracts (each once) dated in the period. */
export function deliveryReportQuery(ctx: QueryContext, flags: { since?: string; until?: string } = {}): DeliveryReport {
  const { scope, workspaces, contracts } = activityScope(ctx);
  const { since, until } = deliveryPeriod(ctx.today, flags);
  const sources = sourcesOf(ctx, contracts, since, until);
  let rowCount = 0;
  const totals: DeliveryTotal[] = sources.map((s) => {
    rowCount += s.end - s.start;
    const e = s.entry.entitlement;
    return {
      contractNumber: s.contract.number,
      packageName: s.pkg.name,
      entitlementName: e.name,
      category: e.category,
      unit: e.unit,
      records: s.end - s.start,
      quantity: s.entry.ledger.sum(since, until),
    };
  });
  return {
    scope,
    workspaceIds: workspaces.map((w) => w.id),
    since,
    until,
    rowCount,
    rows: new DeliveryRows(ctx, sources, order(sources, dayNumber(since), dayNumber(until), rowCount)),
    totals,
  };
}

/**
 * The period's records in report order without comparing any: a counting sort on the day, fed
 * source by source (already in report order) and each source oldest first, is stable, so it
 * leaves (day, source, record) in order in two passes and two integer arrays.
 */
function order(sources: readonly Source[], firstDay: number, lastDay: number, count: number): { source: Int32Array; record: Int32Array } {
  const perDay = new Int32Array(lastDay - firstDay + 2);
  const dayOf = new Int32Array(count);
  let k = 0;
  for (const s of sources) {
    const records = s.entry.ledger.records;
    for (let at = s.end - 1; at >= s.start; at -= 1) {
      const d = dayNumber((records[at] as ConsumptionRecord).date) - firstDay;
      dayOf[k] = d;
      k += 1;
      perDay[d + 1] = (perDay[d + 1] as number) + 1;
    }
  }
  for (let d = 1; d < perDay.length; d += 1) perDay[d] = (perDay[d] as number) + (perDay[d - 1] as number);
  const source = new Int32Array(count);
  const record = new Int32Array(count);
  k = 0;
  sources.forEach((s, i) => {
    for (let at = s.end - 1; at >= s.start; at -= 1) {
      const d = dayOf[k] as number;
      k += 1;
      const slot = perDay[d] as number;
      perDay[d] = slot + 1;
      source[slot] = i;
      record[slot] = at;
    }
  });
  return { source, record };
}

/**
 * The rows by position, made when asked for: the report holds two integers per record, never a
 * million row objects. Writers walk `at(k)` (a generator's yield costs ~10× the row it yields).
 */
export class DeliveryRows implements Iterable<DeliveryRow> {
  readonly length: number;
  /** rule 4, decided once per case rather than once per record */
  private readonly restrictedByCase = new Map<string, boolean>();

  constructor(
    private readonly ctx: QueryContext,
    private readonly sources: readonly Source[],
    private readonly positions: { source: Int32Array; record: Int32Array },
  ) {
    this.length = positions.source.length;
  }

  at(k: number): DeliveryRow {
    const s = this.sources[this.positions.source[k] as number] as Source;
    const r = s.entry.ledger.records[this.positions.record[k] as number] as ConsumptionRecord;
    const hidden = this.restricted(r.caseId);
    const e = s.entry.entitlement;
    return {
      id: r.id,
      date: r.date,
      contractNumber: s.contract.number,
      packageName: s.pkg.name,
      entitlementName: e.name,
      category: e.category,
      unit: e.unit,
      quantity: r.quantity,
      description: hidden ? null : (r.description ?? null),
      caseId: hidden ? null : (r.caseId ?? null),
      restricted: hidden,
    };
  }

  *[Symbol.iterator](): Iterator<DeliveryRow> {
    for (let k = 0; k < this.length; k += 1) yield this.at(k);
  }

  private restricted(caseId: string | undefined): boolean {
    if (caseId === undefined) return false;
    let hidden = this.restrictedByCase.get(caseId);
    if (hidden === undefined) {
      hidden = isRestricted(this.ctx.org, this.ctx.user, caseId);
      this.restrictedByCase.set(caseId, hidden);
    }
    return hidden;
  }
}
