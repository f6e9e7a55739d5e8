// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that no time zone shifts a day.

const DAY_MS = 86_400_000;

const toUtc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

export const toIsoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return toIsoDate(toUtc(iso) + days * DAY_MS);
}

/** Inclusive on both ends, as contract and package dates are. */
export function dateWithin(date: string, start: string, end: string): boolean {
  return start <= date && date <= end;
}

/** The calendar date of `instant` in `timeZone` (e.g. Europe/Rome), as ISO `YYYY-MM-DD`. */
export function isoDateIn(timeZone: string, instant: Date): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export const isIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};
