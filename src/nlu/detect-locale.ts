import type { Locale } from '../domain/vocabulary';
import { ENGLISH_WORDS, ITALIAN_WORDS } from './function-words';

/** Words that belong to one language only: the function words, and the corpus's own words. */
export interface LocaleWords {
  it: ReadonlySet<string>;
  en: ReadonlySet<string>;
}

export const FUNCTION_LOCALE_WORDS: LocaleWords = { it: ITALIAN_WORDS, en: ENGLISH_WORDS };

const ITALIAN_ENDING = /[aeiou]$/;

/**
 * Italian or English from the words used (folded); `fallback` (the client's locale) when the text
 * does not tell. Words known to both languages ("workshop", "report") count for neither.
 */
export function detectLocale(
  words: readonly string[],
  fallback: Locale,
  known: LocaleWords = FUNCTION_LOCALE_WORDS,
  accented = false,
): Locale {
  // Italian accents (è, à, ù) are a word's worth of evidence.
  let it = accented ? 1 : 0;
  let en = 0;
  let unknownVowelEndings = 0;
  let unknown = 0;
  for (const word of words) {
    const inIt = known.it.has(word);
    const inEn = known.en.has(word);
    if (inIt && !inEn) it += 1;
    else if (inEn && !inIt) en += 1;
    else if (!inIt && !inEn && word.length > 3 && /^\p{L}+$/u.test(word)) {
      unknown += 1;
      if (ITALIAN_ENDING.test(word)) unknownVowelEndings += 1;
    }
  }
  if (it !== en) return it > en ? 'it' : 'en';
  // Unknown words only: Italian words end in a vowel far more often than English ones.
  if (it === 0 && unknown >= 2) {
    const ratio = unknownVowelEndings / unknown;
    if (ratio >= 0.75) return 'it';
    if (ratio <= 0.25) return 'en';
  }
  return fallback;
}
