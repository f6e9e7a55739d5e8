import type { Analysis, DurationUnit, QuantityDirection, QuantityItem } from './analysis';
import { readNumber } from './numbers';

// Quantities of time: "60gg", "3 mesi", "due settimane", "un anno", "in the next sixty days",
// and lists of them ("90, 30 e 7 giorni prima", "at 7 and 30 days"), in the unit the user used.

// A Map, not an object: a word typed by a user may be "constructor".
const UNIT_WORDS: ReadonlyMap<string, DurationUnit> = new Map(Object.entries({
  d: 'D', dd: 'D', g: 'D', gg: 'D', day: 'D', days: 'D', giorno: 'D', giorni: 'D', gior: 'D',
  w: 'W', wk: 'W', wks: 'W', week: 'W', weeks: 'W', settimana: 'W', settimane: 'W', sett: 'W',
  m: 'M', mo: 'M', mos: 'M', mth: 'M', mths: 'M', month: 'M', months: 'M', mese: 'M', mesi: 'M',
  y: 'Y', yr: 'Y', yrs: 'Y', year: 'Y', years: 'Y', anno: 'Y', anni: 'Y', aa: 'Y',
} satisfies Record<string, DurationUnit>));
const COMPACT = /^(\d{1,5})(d|dd|g|gg|days?|giorni|w|wk|wks|weeks?|sett|settimane|m|mo|mos|mesi|mese|months?|y|yr|yrs|years?|anni|anno)$/;
const ISO = /^p(\d{1,5})([dwmy])$/;
const ONE = new Set(['a', 'an', 'one', 'un', 'una', 'uno']);
const MAX_LIST = 8;
const LIST_GLUE = new Set(['e', 'and', 'o', 'or', 'oppure', 'ed']);
// "next"/"prossimo" alone before a unit means one of it: "next month", "il mese prossimo".
const NEXT_ALONE = new Set(['next', 'prossimo', 'prossima', 'coming']);

const NEXT_BEFORE = new Set(['next', 'coming', 'within', 'in', 'entro', 'tra', 'fra', 'prossimi', 'prossime', 'prossimo', 'prossima', 'upcoming', 'following', 'successivi', 'nei', 'nelle', 'nel', 'nella']);
const PAST_BEFORE = new Set(['last', 'past', 'previous', 'ultimi', 'ultime', 'ultimo', 'ultima', 'scorsi', 'scorse', 'passati', 'passate', 'precedenti']);
const BEFORE_AFTER = new Set(['prima', 'before', 'prior', 'early']);
const AGO_AFTER = new Set(['ago', 'fa']);
const PAST_AFTER = new Set(['scorsi', 'scorse', 'passati', 'passate', 'precedenti']);
const NEXT_AFTER = new Set(['prossimi', 'prossime', 'successivi', 'successive', 'ahead']);

interface Read {
  items: QuantityItem[];
  next: number;
}

function unitOf(word: string | undefined): DurationUnit | undefined {
  return word === undefined ? undefined : UNIT_WORDS.get(word);
}

/** A quantity (or a list sharing one unit) starting at word i. */
function readGroup(words: readonly string[], i: number): Read | undefined {
  const word = words[i] ?? '';
  const compact = COMPACT.exec(word) ?? ISO.exec(word);
  if (compact) {
    const unit = unitOf(compact[2]) ?? (compact[2] ?? '').toUpperCase()[0] as DurationUnit;
    return { items: [{ value: Number(compact[1]), unit }], next: i + 1 };
  }
  if (ONE.has(word) && unitOf(words[i + 1])) {
    return { items: [{ value: 1, unit: unitOf(words[i + 1]) as DurationUnit }], next: i + 2 };
  }
  const values: number[] = [];
  let j = i;
  // a list of quantities is short ("90, 60, 30 e 7"); a long run of numbers is no list of days
  while (values.length < MAX_LIST) {
    const n = readNumber(words, j);
    if (!n) break;
    values.push(n.value);
    j = n.next;
    if (LIST_GLUE.has(words[j] ?? '') && readNumber(words, j + 1)) j += 1;
  }
  const unit = values.length > 0 ? unitOf(words[j]) : undefined;
  if (!unit) return undefined;
  return { items: values.map((value) => ({ value, unit })), next: j + 1 };
}

function direction(words: readonly string[], first: number, after: number): QuantityDirection {
  const next = words[after] ?? '';
  const then = words[after + 1] ?? '';
  if (AGO_AFTER.has(next)) return 'ago';
  if (PAST_AFTER.has(next)) return 'past';
  if (NEXT_AFTER.has(next)) return 'next';
  if (BEFORE_AFTER.has(next) || (next === 'in' && (then === 'anticipo' || then === 'advance'))) return 'before';
  if ((next === 'dalla' || next === 'from') && /^(scad|expir|renew|rinnov)/.test(then)) return 'before';
  for (let k = first - 1; k >= Math.max(0, first - 3); k -= 1) {
    const w = words[k] ?? '';
    if (PAST_BEFORE.has(w)) return 'past';
    if (NEXT_BEFORE.has(w)) return 'next';
  }
  return 'none';
}

/** "next month", "il mese prossimo": one unit ahead. */
function oneNext(words: readonly string[], i: number): DurationUnit | undefined {
  const [a = '', b = ''] = [words[i], words[i + 1]];
  if (NEXT_ALONE.has(a) && b.length > 1) return unitOf(b);
  if (NEXT_ALONE.has(b) && a.length > 1) return unitOf(a);
  return undefined;
}

export function extractQuantities(analysis: Analysis): void {
  const words = analysis.tokens.map((t, i) => (analysis.isFree(i) ? t.word : ''));
  for (let i = 0; i < words.length; i += 1) {
    if (!words[i]) continue;
    const alone = oneNext(words, i);
    if (alone) {
      analysis.addTokens({ kind: 'quantity', items: [{ value: 1, unit: alone }], direction: 'next' }, i, i + 2);
      i += 1;
      continue;
    }
    let group = readGroup(words, i);
    if (!group) continue;
    const items = [...group.items];
    let end = group.next;
    // "7 days and 30 days", "1 mese e 1 settimana"
    while (LIST_GLUE.has(words[end] ?? '') && (group = readGroup(words, end + 1))) {
      items.push(...group.items);
      end = group.next;
    }
    analysis.addTokens({ kind: 'quantity', items, direction: direction(words, i, end) }, i, end);
    i = end - 1;
  }
}

const DAYS_PER: Readonly<Record<DurationUnit, number>> = { D: 1, W: 7, M: 30, Y: 365 };

/** Days before expiry, ascending and without repeats ("90, 30 e 7 giorni prima" → 7, 30, 90). */
export function toThresholds(items: readonly QuantityItem[]): number[] {
  return [...new Set(items.map((i) => i.value * DAYS_PER[i.unit]))].filter((d) => d > 0).sort((a, b) => a - b);
}

/** ISO-8601 in the unit the user used: P60D, P2W, P3M, P1Y. */
export const toIsoDuration = (item: QuantityItem): string => `P${item.value}${item.unit}`;
