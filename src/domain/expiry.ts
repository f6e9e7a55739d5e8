import { daysBetween } from './dates';
import { addDuration, type Duration } from './durations';
import type { Package } from './records';

/** Rule 8: an active package whose end date is from today to today + D inclusive. */
export function expiresWithin(pkg: Package, today: string, within: Duration): boolean {
  return pkg.status === 'active' && today <= pkg.endDate && pkg.endDate <= addDuration(today, within);
}

/** Days left = end date − today (negative once expired). */
export const daysLeft = (endDate: string, today: string): number => daysBetween(today, endDate);
