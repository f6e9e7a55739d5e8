import { dayNumber, fromDayNumber } from './dates';
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

/** The day a projection is made on, worked out once per query rather than once per line. */
export interface ProjectionDay {
  today: string;
  todayNumber: number;
  /** Day number of the first day of the 90-day window. */
  windowStart: number;
}

export function projectionDay(today: string): ProjectionDay {
  const todayNumber = dayNumber(today);
  return { today, todayNumber, windowStart: todayNumber - (BURN_WINDOW_DAYS - 1) };
}

/** Burn rate per day over the 90-day window ending today. */
export const burnRate = (ledger: Ledger, day: ProjectionDay): number => {
  const consumed = ledger.sumOfDays(day.windowStart, day.todayNumber);
  return consumed > 0 ? consumed / BURN_WINDOW_DAYS : 0;
};

/** What will be left unused at the package's end at the current pace, never below 0 (unrounded). */
export function unusedAtEnd(ledger: Ledger, remaining: number, endNumber: number, day: ProjectionDay): number {
  return Math.max(0, remaining - burnRate(ledger, day) * Math.max(0, endNumber - day.todayNumber));
}

/**
 * "At this pace 38 of 120 proactive credits will lapse on 2027-01-31": the burn rate of one
 * consumption entitlement and what it means at its package's end date.
 */
export function project(ledger: Ledger, remaining: number, packageEndDate: string, day: ProjectionDay): Projection {
  const consumedLast90Days = ledger.sumOfDays(day.windowStart, day.todayNumber);
  const rate = consumedLast90Days > 0 ? consumedLast90Days / BURN_WINDOW_DAYS : 0;
  const endNumber = dayNumber(packageEndDate);
  const daysToEnd = Math.max(0, endNumber - day.todayNumber);
  const unused = Math.max(0, remaining - rate * daysToEnd);
  let exhaustion: string | null = null;
  if (rate > 0 && remaining > 0) {
    const at = day.todayNumber + Math.ceil(remaining / rate);
    if (at <= endNumber) exhaustion = fromDayNumber(at);
  }
  return {
    burnRatePerDay: roundQuantity(rate),
    consumedLast90Days,
    projectedUnusedAtExpiry: roundQuantity(unused),
    projectedExhaustionDate: exhaustion,
  };
}
