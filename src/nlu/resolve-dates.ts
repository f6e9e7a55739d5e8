import { addDuration } from '../domain/durations';
import type { DateRef, DateRole, DurationUnit, QuantityItem } from './analysis';

// Turns date mentions into ISO dates against `today`. A date without its year is the last one
// already begun when the question looks back (history, delivery: "da gennaio" on 2026-11-22 is
// 2026-01-01), the next one not yet over when it looks ahead (expiry: "by March" is 2027-03-31).

export type Direction = 'past' | 'future';

export interface Period {
  start: string;
  end: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEnd = (y: number, m: number): string => iso(y, m, lastDay(y, m));

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The period of `ref` in year `y`. */
function periodIn(ref: Exclude<DateRef, { kind: 'relative' }>, y: number): Period | undefined {
  switch (ref.kind) {
    case 'day': {
      if (ref.month < 1 || ref.month > 12 || ref.day < 1 || ref.day > lastDay(y, ref.month)) return undefined;
      const d = iso(y, ref.month, ref.day);
      return { start: d, end: d };
    }
    case 'month':
      return { start: iso(y, ref.month, 1), end: monthEnd(y, ref.month) };
    case 'year':
      return { start: iso(y, 1, 1), end: iso(y, 12, 31) };
    case 'quarter':
      return { start: iso(y, ref.quarter * 3 - 2, 1), end: monthEnd(y, ref.quarter * 3) };
    case 'half':
      return { start: iso(y, ref.half * 6 - 5, 1), end: monthEnd(y, ref.half * 6) };
  }
}

function relative(ref: Extract<DateRef, { kind: 'relative' }>, today: string): Period {
  const [y = 2000, m = 1] = today.split('-').map(Number);
  switch (ref.period) {
    case 'day': {
      const d = shiftDays(today, ref.offset);
      return { start: d, end: d };
    }
    case 'week': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      const monday = shiftDays(today, -weekday + 7 * ref.offset);
      return { start: monday, end: shiftDays(monday, 6) };
    }
    case 'month': {
      const start = addDuration(iso(y, m, 1), { years: 0, months: ref.offset, weeks: 0, days: 0 });
      const [sy = y, sm = m] = start.split('-').map(Number);
      return { start, end: monthEnd(sy, sm) };
    }
    case 'quarter': {
      const q0 = Math.floor((m - 1) / 3) + ref.offset; // quarters since the start of this year
      const qy = y + Math.floor(q0 / 4);
      const q = ((q0 % 4) + 4) % 4 + 1;
      return { start: iso(qy, q * 3 - 2, 1), end: monthEnd(qy, q * 3) };
    }
    case 'year':
      return { start: iso(y + ref.offset, 1, 1), end: iso(y + ref.offset, 12, 31) };
  }
}

/** The period a reference stands for, its year chosen by `direction` when not written. */
export function resolveRef(ref: DateRef, today: string, direction: Direction, notBefore?: string): Period | undefined {
  if (ref.kind === 'relative') return relative(ref, today);
  if (ref.kind === 'year' || ref.year !== undefined) return periodIn(ref, ref.kind === 'year' ? ref.year : (ref.year ?? 0));
  const y = Number(today.slice(0, 4));
  const candidates = [y - 1, y, y + 1].map((year) => periodIn(ref, year)).filter((p): p is Period => p !== undefined);
  if (notBefore) return candidates.find((p) => p.end >= notBefore);
  if (direction === 'past') return [...candidates].reverse().find((p) => p.start <= today);
  return candidates.find((p) => p.end >= today);
}

export interface DateRange {
  since?: string;
  until?: string;
}

/** since/until of one mention; "this month", "quest'anno" look from their start with no end. */
export function resolveMention(
  mention: { role: DateRole; ref: DateRef; to?: DateRef },
  today: string,
  direction: Direction,
): DateRange {
  const period = resolveRef(mention.ref, today, direction);
  if (!period) return {};
  if (mention.to) {
    const end = resolveRef(mention.to, today, direction, period.start);
    return end ? { since: period.start, until: end.end } : { since: period.start };
  }
  if (mention.role === 'since') return { since: period.start };
  if (mention.role === 'until') return { until: period.end };
  if (mention.ref.kind === 'relative' && mention.ref.offset === 0 && mention.ref.period !== 'day') return { since: period.start };
  if (direction === 'future' && mention.ref.kind === 'day') return { until: period.end };
  return { since: period.start, until: period.end };
}

const PART: Readonly<Record<DurationUnit, 'days' | 'weeks' | 'months' | 'years'>> = { D: 'days', W: 'weeks', M: 'months', Y: 'years' };

/** "the last 3 months" from today: the date that many units back. */
export function sinceQuantityAgo(item: QuantityItem, today: string): string {
  const d = { years: 0, months: 0, weeks: 0, days: 0 };
  d[PART[item.unit]] = -item.value;
  return addDuration(today, d);
}
