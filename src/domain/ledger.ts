import type { ConsumptionRecord } from './records';
import { roundQuantity } from './quantity';

/**
 * The consumption records of one entitlement, newest first, with prefix sums: totals over any
 * date range and pages of the drilldown in O(log n), built once at load.
 */
export class Ledger {
  /** Newest first; ties by id so pages are stable. */
  readonly records: readonly ConsumptionRecord[];
  readonly consumed: number;
  private readonly prefix: Float64Array;

  constructor(records: ConsumptionRecord[]) {
    this.records = records.sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1));
    this.prefix = new Float64Array(records.length + 1);
    for (let i = 0; i < records.length; i += 1) this.prefix[i + 1] = (this.prefix[i] ?? 0) + (records[i]?.quantity ?? 0);
    this.consumed = roundQuantity(this.prefix[records.length] ?? 0);
  }

  /** Index range [start, end) of the records dated from `since` to `until`, both inclusive and optional. */
  range(since?: string, until?: string): [number, number] {
    // records are sorted descending by date: later dates come first
    const start = until === undefined ? 0 : this.firstIndex((d) => d <= until);
    const end = since === undefined ? this.records.length : this.firstIndex((d) => d < since);
    return [start, Math.max(start, end)];
  }

  sum(since?: string, until?: string): number {
    const [start, end] = this.range(since, until);
    return roundQuantity((this.prefix[end] ?? 0) - (this.prefix[start] ?? 0));
  }

  private firstIndex(predicate: (date: string) => boolean): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (predicate(this.records[mid]?.date ?? '')) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
