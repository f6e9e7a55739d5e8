// Only the two locales: loading chrono-node whole (every language) doubles its start-up cost.
import * as chronoEn from 'chrono-node/en';
import * as chronoIt from 'chrono-node/it';
import type { Locale } from '../domain/vocabulary';
import type { Analysis, DateRef, DateRole } from './analysis';

// Dates and periods as people write them. The relative periods and quarters of our domain ("last
// month", "quest'anno", "terzo trimestre", "Q3") are read here; calendar dates, months and ranges
// ("dal 1 ottobre al 15 novembre", "since March", "31/10/2026") by chrono-node. Years are left
// open when not written: which year is meant depends on the question (see resolve-dates.ts).

type Relative = Extract<DateRef, { kind: 'relative' }>;
type Period = Relative['period'];

const PERIOD: Readonly<Record<string, Period>> = {
  day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year',
  giorno: 'day', settimana: 'week', mese: 'month', trimestre: 'quarter', anno: 'year',
};
const ORDINAL: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4,
  primo: 1, '1o': 1, '1°': 1, secondo: 2, '2o': 2, '2°': 2, terzo: 3, '3o': 3, '3°': 3, quarto: 4, '4o': 4, '4°': 4,
};

interface Pattern {
  regex: RegExp;
  read: (m: RegExpExecArray) => { ref: DateRef; role?: DateRole } | undefined;
}

const yearOf = (text: string | undefined): number | undefined => (text ? Number(text) : undefined);
const period = (word: string | undefined): Period => PERIOD[word ?? ''] ?? 'month';

// Folded text (no accents, lower case); apostrophes may be ' or ’.
const PATTERNS: readonly Pattern[] = [
  {
    regex: /\b(?:(?:since|from) the (?:start|beginning) of (?:the|this) year|year to date|ytd|(?:dall['’]\s*|da\s+|dal\s+)?inizio\s+(?:dell['’]\s*|d['’]\s*)?anno)\b/g,
    read: () => ({ ref: { kind: 'relative', period: 'year', offset: 0 }, role: 'since' }),
  },
  {
    regex: /\b(?:(?:by |until |till |to )?(?:the )?end of (?:the |this )?(month|quarter|year)|(?:entro |fino a |fino alla )?(?:la )?fine (?:del |dell['’]\s*|di questo |di quest['’]\s*)?(mese|trimestre|anno))\b/g,
    read: (m) => ({ ref: { kind: 'relative', period: period(m[1] ?? m[2]), offset: 0 }, role: 'until' }),
  },
  {
    regex: /\b(?:last|previous|past|prior) (month|week|year|quarter)\b/g,
    read: (m) => ({ ref: { kind: 'relative', period: period(m[1]), offset: -1 } }),
  },
  {
    regex: /\b(?:(mese|anno|trimestre|settimana) (?:scors[oa]|passat[oa]|precedente)|(?:lo |la |l['’]\s*)?(?:scors[oa]|ultim[oa]) (mese|anno|trimestre|settimana))\b/g,
    read: (m) => ({ ref: { kind: 'relative', period: period(m[1] ?? m[2]), offset: -1 } }),
  },
  {
    regex: /\b(?:(?:this|current) (month|week|year|quarter)|(?:quest[oa] |quest['’]\s*)(mese|anno|trimestre|settimana)|(mese|anno|trimestre|settimana) (?:in corso|corrente|attuale))\b/g,
    read: (m) => ({ ref: { kind: 'relative', period: period(m[1] ?? m[2] ?? m[3]), offset: 0 }, role: 'since' }),
  },
  {
    // chrono leaves "May" alone (it is also a verb); after a preposition it is the month
    regex: /\b(since|from|after|until|till|by|before|through|in|of|during)\s+may(?:\s+((?:19|20)\d{2}))?\b/g,
    read: (m) => ({
      ref: { kind: 'month', month: 5, year: yearOf(m[2]) },
      role: /^(since|from|after)$/.test(m[1] ?? '') ? 'since' : /^(until|till|by|before|through)$/.test(m[1] ?? '') ? 'until' : 'point',
    }),
  },
  {
    regex: /\b(?:today|oggi)\b/g,
    read: () => ({ ref: { kind: 'relative', period: 'day', offset: 0 } }),
  },
  {
    regex: /\b(?:yesterday|ieri)\b/g,
    read: () => ({ ref: { kind: 'relative', period: 'day', offset: -1 } }),
  },
  {
    regex: /\bq([1-4])(?:\s*(?:of |del |-|\/)?\s*((?:19|20)\d{2}))?\b/g,
    read: (m) => ({ ref: { kind: 'quarter', quarter: Number(m[1]), year: yearOf(m[2]) } }),
  },
  {
    regex: /\b(first|second|third|fourth|1st|2nd|3rd|4th|primo|secondo|terzo|quarto|[1-4][o°])\s+(?:quarter|trimestre)(?:\s+(?:of |del |dell['’]\s*anno )?((?:19|20)\d{2}))?\b/g,
    read: (m) => {
      const quarter = ORDINAL[m[1] ?? ''];
      return quarter ? { ref: { kind: 'quarter', quarter, year: yearOf(m[2]) } } : undefined;
    },
  },
  {
    regex: /\b(?:(first|second|1st|2nd|primo|secondo) (?:half|semestre)|h([12]))(?:\s+(?:of |del )?((?:19|20)\d{2}))?\b/g,
    read: (m) => ({ ref: { kind: 'half', half: m[2] ? Number(m[2]) : (ORDINAL[m[1] ?? ''] ?? 1), year: yearOf(m[3]) } }),
  },
];

const SINCE_BEFORE =
  /(?:\b(?:since|from|after|starting(?: from| on)?|as of|beginning|da|dal|dalla|dallo|dai|dagli|dalle|dopo(?: il| la)?|a partire da(?:l|lla|ll['’])?|a decorrere da(?:l)?)|\bdall['’])\s*$/;
const UNTIL_BEFORE =
  /(?:\b(?:until|till|til|to|by|before|through|up to|ending|fino(?: a| al| alla| all['’])?|entro(?: il| la| l['’])?|prima d(?:el|ella|i)|al|alla)|\ball['’])\s*$/;

/** What the words before a date say about it. */
function roleBefore(view: string, start: number): DateRole {
  const before = view.slice(Math.max(0, start - 24), start);
  if (SINCE_BEFORE.test(before)) return 'since';
  if (UNTIL_BEFORE.test(before)) return 'until';
  return 'point';
}

// Numeric dates are read day first (31/10/2026, 1.7.26) before chrono, whose English parser is
// month first; chrono reads the rest (month names, ranges, ISO dates).
const PARSERS: Record<Locale, chronoIt.Chrono> = { it: chronoIt.casual, en: chronoEn.casual };
const DATE_LIKE = /\d+|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|gen|mag|giu|lug|ago|set|ott|dic|primo|domani|tomorrow)[a-z]*/g;
const MAX_DATE_CANDIDATES = 12;
const NUMERIC_DATE = /\b([0-3]?\d)[/.]([01]?\d)(?:[/.]((?:19|20)?\d{2}))?\b/g;

function toRef(c: chronoIt.ParsedResult['start']): DateRef | undefined {
  const year = c.isCertain('year') ? c.get('year') ?? undefined : undefined;
  const month = c.get('month');
  const day = c.get('day');
  if (month === null || day === null) return undefined;
  if (c.isCertain('day') && c.isCertain('month')) return { kind: 'day', year, month, day };
  if (c.isCertain('month')) return { kind: 'month', year, month };
  if (year !== undefined) return { kind: 'year', year };
  return undefined; // a weekday or a time alone: no period the bot can use
}

/** Finds date mentions; `locale` picks chrono's language first (the other one if it finds nothing). */
export function extractDates(analysis: Analysis, locale: Locale, today: string): void {
  for (const pattern of PATTERNS) {
    for (const m of analysis.view.matchAll(pattern.regex)) {
      const found = pattern.read(m);
      if (!found) continue;
      const role = found.role ?? roleBefore(analysis.view, m.index);
      analysis.add({ kind: 'date', role, ref: found.ref }, m.index, m.index + m[0].length);
    }
  }
  for (const m of analysis.view.matchAll(NUMERIC_DATE)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const year = m[3] === undefined ? undefined : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    analysis.add({ kind: 'date', role: roleBefore(analysis.view, m.index), ref: { kind: 'day', month, day, year } }, m.index, m.index + m[0].length);
  }
  // chrono's cost grows with the numbers and month names it has to try: a message with none skips
  // it, and one with dozens (no request has that many dates) is not worth 10 ms.
  const candidates = analysis.view.match(DATE_LIKE)?.length ?? 0;
  if (candidates === 0 || candidates > MAX_DATE_CANDIDATES) return;
  const reference = { instant: new Date(`${today}T12:00:00Z`), timezone: 'UTC' };
  const other: Locale = locale === 'it' ? 'en' : 'it';
  let results = PARSERS[locale].parse(analysis.view, reference);
  if (results.length === 0) results = PARSERS[other].parse(analysis.view, reference);
  for (const result of results) {
    const ref = toRef(result.start);
    if (!ref) continue;
    const end = result.end ? toRef(result.end) : undefined;
    const start = result.index;
    const role = end ? 'point' : roleBefore(analysis.view, start);
    analysis.add({ kind: 'date', role, ref, ...(end ? { to: end } : {}) }, start, start + result.text.length);
  }
}
