// ISO-8601 durations as the user said them (P90D, P2W, P3M, P1Y) and calendar arithmetic on them.

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Parses a date-only ISO-8601 duration; undefined when it is not one (or is empty, `P`). */
export function parseDuration(text: string): Duration | undefined {
  const m = PATTERN.exec(text.trim().toUpperCase());
  if (!m || text.trim().length <= 1) return undefined;
  const [, y, mo, w, d] = m;
  if (y === undefined && mo === undefined && w === undefined && d === undefined) return undefined;
  return { years: Number(y ?? 0), months: Number(mo ?? 0), weeks: Number(w ?? 0), days: Number(d ?? 0) };
}

const daysInMonth = (year: number, month0: number): number => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * `iso` plus the duration, months first with the day clamped to the month's end
 * (P3M from 2026-11-22 is 2027-02-22; from 2026-11-30 it is 2027-02-28), then weeks and days.
 */
export function addDuration(iso: string, d: Duration): string {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const totalMonths = (month - 1) + d.months + d.years * 12;
  const y = year + Math.floor(totalMonths / 12);
  const m0 = ((totalMonths % 12) + 12) % 12;
  const clamped = Math.min(day, daysInMonth(y, m0));
  const ms = Date.UTC(y, m0, clamped) + (d.weeks * 7 + d.days) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
