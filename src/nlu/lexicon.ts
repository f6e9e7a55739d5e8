import { CATEGORY_SYNONYMS, ROLE_SYNONYMS, STATUS_SYNONYMS, type StatusId } from '../domain/synonyms';
import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  LOCALES,
  ROLE_IDS,
  ROLE_LABELS,
  type CategoryId,
  type Locale,
  type RoleId,
} from '../domain/vocabulary';
import type { Analysis } from './analysis';
import { fold } from './normalize';
import { PhraseMatcher } from './phrase-matcher';
import { stem } from './stemmers';

// Categories and roles as people name them: the labels the cards show (vocabulary.ts), the ids, and
// the synonyms (synonyms.ts), in either language — Italians write "customer activity" too. Matched by
// stem, so plurals and inflections need no listing.

type Term = { kind: 'category'; value: CategoryId } | { kind: 'role'; value: RoleId };

/** Words of a phrase as the tokenizer splits them ("dell'area" → "dell", "area"). */
export const phraseWords = (phrase: string): string[] => fold(phrase).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Each part of a label is a name of its own: "DSE (Designated Support Engineer)" is "DSE" and the rest. */
const labelParts = (label: string): string[] => label.split(/[()/]/).map((p) => p.trim()).filter(Boolean);

/** Every name of every id: the id itself, each part of its labels, its synonyms. */
function allPhrases<K extends string>(
  ids: readonly K[],
  labels: Readonly<Record<K, Record<Locale, string>>>,
  synonyms: Readonly<Record<K, Record<Locale, readonly string[]>>>,
): [K, string][] {
  const out: [K, string][] = [];
  for (const id of ids) {
    out.push([id, id]);
    for (const locale of LOCALES) {
      for (const part of labelParts(labels[id][locale])) out.push([id, part]);
      for (const synonym of synonyms[id][locale]) out.push([id, synonym]);
    }
  }
  return out;
}

function buildTermMatcher(locale: Locale): PhraseMatcher<Term> {
  const matcher = new PhraseMatcher<Term>();
  // Roles before categories: "view all support requests" is a role, not cases.
  for (const [value, phrase] of allPhrases(ROLE_IDS, ROLE_LABELS, ROLE_SYNONYMS)) {
    matcher.add(phraseWords(phrase).map((w) => stem(w, locale)), { kind: 'role', value });
  }
  for (const [value, phrase] of allPhrases(CATEGORY_IDS, CATEGORY_LABELS, CATEGORY_SYNONYMS)) {
    matcher.add(phraseWords(phrase).map((w) => stem(w, locale)), { kind: 'category', value });
  }
  return matcher;
}

const STATUS_IDS = Object.keys(STATUS_SYNONYMS) as StatusId[];

function buildStatusMatcher(): PhraseMatcher<StatusId> {
  const matcher = new PhraseMatcher<StatusId>();
  for (const id of STATUS_IDS) {
    for (const locale of LOCALES) for (const phrase of STATUS_SYNONYMS[id][locale]) matcher.add(phraseWords(phrase), id);
  }
  return matcher;
}

const TERMS: Record<Locale, PhraseMatcher<Term>> = { it: buildTermMatcher('it'), en: buildTermMatcher('en') };
const STATUSES = buildStatusMatcher();

/** Every word the lexicon knows: the spell checker corrects towards these. */
export function lexiconWords(): string[] {
  const words: string[] = [];
  const tables = [
    ...allPhrases(ROLE_IDS, ROLE_LABELS, ROLE_SYNONYMS),
    ...allPhrases(CATEGORY_IDS, CATEGORY_LABELS, CATEGORY_SYNONYMS),
  ];
  for (const [, phrase] of tables) words.push(...phraseWords(phrase));
  for (const id of STATUS_IDS) for (const locale of LOCALES) for (const p of STATUS_SYNONYMS[id][locale]) words.push(...phraseWords(p));
  return words;
}

/** Marks roles and categories (longest match first, in either language's stems). */
export function extractTerms(analysis: Analysis): void {
  const keys: Record<Locale, string[]> = {
    it: analysis.tokens.map((t, i) => (analysis.isFree(i) ? stem(t.word, 'it') : '')),
    en: analysis.tokens.map((t, i) => (analysis.isFree(i) ? stem(t.word, 'en') : '')),
  };
  for (let i = 0; i < analysis.tokens.length; ) {
    const it = TERMS.it.match(keys.it, i);
    const en = TERMS.en.match(keys.en, i);
    const best = it && en ? (en.length > it.length ? en : it) : (it ?? en);
    if (!best) {
      i += 1;
      continue;
    }
    analysis.addTokens(best.value, i, i + best.length);
    i += best.length;
  }
}

// "ho aperto", "we opened", "i closed": a verb with its subject, not a status.
const SUBJECTS = new Set(['ho', 'hai', 'ha', 'abbiamo', 'avete', 'hanno', 'i', 'we', 'you', 'they', 'have', 'has', 'had', 'did', 'ive']);

export interface StatusFound {
  value: StatusId;
  /** Token indices [from, to) of the words that name it. */
  from: number;
  to: number;
}

/** The status named in the text, if any (its words stay free: "active" also says which intent). */
export function findStatus(analysis: Analysis): StatusFound | undefined {
  const words = analysis.tokens.map((t, i) => (analysis.isFree(i) ? t.word : ''));
  for (let i = 0; i < words.length; i += 1) {
    const hit = STATUSES.match(words, i);
    if (hit && !SUBJECTS.has(words[i - 1] ?? '')) return { value: hit.value, from: i, to: i + hit.length };
  }
  return undefined;
}
