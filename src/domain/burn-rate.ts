import { addDays, daysBetween } from './dates';
import type { Ledger } from './ledger';
import { roundQuantity } from './quantity';

export const BURN_WINDOW_DAYS = 90;

export interface Projection {
  /** Average consumption per day over the last 90 days (today included). */
  burnRatePerDay: number;
  /** Consumed in those 90 days. */
  consumedLast90Days: number;
  /** What will be left at the package's end date at that rate, never below 0. */
  projectedUnusedAtExpiry: number;
  /** When the rate uses the remaining amount up before the package ends; null otherwise. */
  projectedExhaustionDate: string | null;
}

/**
 * "At this pace 38 of 120 proactive credits will lapse on 2027-01-31": the burn rate of one
 * consumption entitlement and what it means at its package's end date.
 */
export function project(ledger: Ledger, remaining: number, packageEndDate: string, today: string): Projection {
  const since = addDays(today, -(BURN_WINDOW_DAYS - 1));
  const consumedLast90Days = ledger.sum(since, today);
  const rate = consumedLast90Days > 0 ? consumedLast90Days / BURN_WINDOW_DAYS : 0;
  const daysToEnd = Math.max(0, daysBetween(today, packageEndDate));
  const unused = Math.max(0, remaining - rate * daysToEnd);
  let exhaustion: string | null = null;
  if (rate > 0 && remaining > 0) {
    const date = addDays(today, Math.ceil(remaining / rate));
    if (date <= packageEndDate) exhaustion = date;
  }
  return {
    burnRatePerDay: roundQuantity(rate),
    consumedLast90Days,
    projectedUnusedAtExpiry: roundQuantity(unused),
    projectedExhaustionDate: exhaustion,
  };
}
