import { dayNumber } from './dates';
import type { ConsumptionRecord } from './records';
import { roundQuantity } from './quantity';

/**
 * The consumption records of one entitlement, newest first, with their day numbers and prefix
 * sums: totals over any date range and pages of the drilldown in O(log n), built once at load.
 */
export class Ledger {
  /** Newest first; ties by id so pages are stable. */
  readonly records: readonly ConsumptionRecord[];
  readonly consumed: number;
  private readonly days: Int32Array;
  private readonly prefix: Float64Array;

  constructor(records: ConsumptionRecord[]) {
    this.records = records.sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1));
    const n = records.length;
    this.days = new Int32Array(n);
    this.prefix = new Float64Array(n + 1);
    for (let i = 0; i < n; i += 1) {
      const r = records[i] as ConsumptionRecord;
      this.days[i] = dayNumber(r.date);
      this.prefix[i + 1] = (this.prefix[i] as number) + r.quantity;
    }
    this.consumed = roundQuantity(this.prefix[n] as number);
  }

  /** Index range [start, end) of the records dated from `since` to `until`, both inclusive and optional. */
  range(since?: string, until?: string): [number, number] {
    return this.rangeOfDays(since === undefined ? undefined : dayNumber(since), until === undefined ? undefined : dayNumber(until));
  }

  rangeOfDays(since?: number, until?: number): [number, number] {
    // days are descending: later dates come first
    const start = until === undefined ? 0 : this.firstAtOrBefore(until);
    const end = since === undefined ? this.days.length : this.firstAtOrBefore(since - 1);
    return [start, Math.max(start, end)];
  }

  sum(since?: string, until?: string): number {
    const [start, end] = this.range(since, until);
    return this.sumOf(start, end);
  }

  /** Total quantity dated from day `since` to day `until`, inclusive. */
  sumOfDays(since: number, until: number): number {
    // no tuple: summaries call this once per entitlement of the organization
    const start = this.firstAtOrBefore(until);
    const end = this.firstAtOrBefore(since - 1);
    return end > start ? this.sumOf(start, end) : 0;
  }

  private sumOf(start: number, end: number): number {
    return roundQuantity((this.prefix[end] as number) - (this.prefix[start] as number));
  }

  /** First index whose day is ≤ `day`. */
  private firstAtOrBefore(day: number): number {
    const days = this.days;
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((days[mid] as number) <= day) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
