import { UNIT_LABELS, type Locale, type Unit } from '../domain/vocabulary';

const TAGS: Readonly<Record<Locale, string>> = { en: 'en-GB', it: 'it-IT' };

const numberFormats = new Map<Locale, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** 1,234.5 in English, 1.234,5 in Italian; at most two decimals. */
export function formatNumber(locale: Locale, value: number): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2, useGrouping: 'always' });
    numberFormats.set(locale, f);
  }
  return f.format(value);
}

/** "22 Nov 2026" / "22 nov 2026" from an ISO date, without any time-zone shift. */
export function formatDate(locale: Locale, iso: string): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(TAGS[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** "1.234,5 crediti", "12 hours"; a count is just its number ("3 of 4 workshops", not "3 count"). */
export function formatQuantity(locale: Locale, value: number, unit: Unit): string {
  return unit === 'count' ? formatNumber(locale, value) : `${formatNumber(locale, value)} ${UNIT_LABELS[unit][locale]}`;
}

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "Sep 2026" / "set 2026" from `YYYY-MM`. */
export function formatMonth(locale: Locale, yearMonth: string): string {
  let f = monthFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(TAGS[locale], { month: 'short', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, f);
  }
  return f.format(new Date(`${yearMonth}-01T00:00:00Z`));
}

/** "26 Nov 2026 10:42 UTC" from an ISO date-time: when something was decided. */
export function formatDateTime(locale: Locale, iso: string): string {
  return `${formatDate(locale, iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}
