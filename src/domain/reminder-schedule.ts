// Renewal reminders: which threshold a package is due for on a day. Pure; the reminders workflow
// (src/reminders) stores what was sent, snoozed or handled and asks this.

export const DEFAULT_THRESHOLDS: readonly number[] = [90, 60, 30, 7];
export const MAX_THRESHOLD_DAYS = 366;
export const SNOOZE_DAYS = 7;

/** Thresholds as stored: whole days 0–366, distinct, largest first. */
export function normalizeThresholds(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isInteger(d) && d >= 0 && d <= MAX_THRESHOLD_DAYS))].sort((a, b) => b - a);
}

/**
 * The threshold a package with `daysLeft` is due for: the smallest threshold it has reached
 * (days left ≤ threshold), unless that one was already reminded. A package that crossed several
 * thresholds while nobody looked (the bot was down) is reminded once, for the most urgent. An
 * expired package (days left < 0) is due for nothing.
 */
export function dueThreshold(daysLeft: number, thresholds: readonly number[], reminded: readonly number[]): number | undefined {
  if (daysLeft < 0) return undefined;
  let due: number | undefined;
  for (const t of thresholds) if (daysLeft <= t && (due === undefined || t < due)) due = t;
  return due === undefined || reminded.includes(due) ? undefined : due;
}
