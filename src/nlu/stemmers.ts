import { StemmerEn } from '@nlpjs/lang-en-min';
import { StemmerIt } from '@nlpjs/lang-it';
import type { Locale } from '../domain/vocabulary';

// nlp.js stemmers (Snowball). Their own cache grows with every word ever seen; a hostile stream of
// random words must not grow memory without bound, so it is dropped when it gets large.
const CACHE_LIMIT = 20_000;

const STEMMERS: Record<Locale, StemmerIt | StemmerEn> = { it: new StemmerIt(), en: new StemmerEn() };
let cached = 0;

export function stem(word: string, locale: Locale): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  cached += 1;
  if (cached > CACHE_LIMIT) {
    STEMMERS.it.cache = {};
    STEMMERS.en.cache = {};
    cached = 0;
  }
  return STEMMERS[locale].stemWord(word) || word;
}
