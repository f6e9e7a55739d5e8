import { daysBetween } from './dates';
import { addDuration, type Duration } from './durations';
import type { Package } from './records';

/** The last day of the window "within D" from today (calendar arithmetic, rule 8). */
export const windowEnd = (today: string, within: Duration): string => addDuration(today, within);

/** Rule 8: an active package whose end date is from today to `until` (today + D) inclusive. */
export function expiresBy(pkg: Package, today: string, until: string): boolean {
  return pkg.status === 'active' && today <= pkg.endDate && pkg.endDate <= until;
}

/** Days left = end date − today (negative once expired). */
export const daysLeft = (endDate: string, today: string): number => daysBetween(today, endDate);
