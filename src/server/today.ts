import type { TodayProvider } from '../domain/ports';

/**
 * TODAY pins the date (demos, tests); otherwise the calendar date in the configured time zone,
 * asked on every call so that a long-running bot moves past midnight.
 */
export function todayProvider(
  settings: { today?: string | undefined; timeZone: string },
  now: () => Date = () => new Date(),
): TodayProvider {
  const pinned = settings.today;
  if (pinned) return () => pinned;
  const format = new Intl.DateTimeFormat('en', { timeZone: settings.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return () => {
    const parts = Object.fromEntries(format.formatToParts(now()).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}
