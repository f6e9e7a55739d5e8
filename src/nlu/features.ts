import type { Locale } from '../domain/vocabulary';
import type { Analysis } from './analysis';
import { conceptsOf } from './concepts';
import { stem } from './stemmers';

/** Prefix of the features that stand for an entity, whatever its value: "§category", "§email". */
export const ENTITY_FEATURE = '§';

/**
 * What the classifier reads: the stems of the words that are no entity, and one placeholder per kind
 * of entity found — so "give anna@x.com the learning manager role" and "dai a mario@y.it il ruolo
 * attività del cliente" look alike to it, and a sentence it never saw with another category or
 * e-mail is still the same sentence.
 */
export function features(analysis: Analysis, locale: Locale): Record<string, number> {
  const out: Record<string, number> = {};
  for (const mention of analysis.mentions) out[`${ENTITY_FEATURE}${mention.kind}`] = 1;
  for (let i = 0; i < analysis.tokens.length; i += 1) {
    const token = analysis.tokens[i];
    if (!token || !analysis.isFree(i)) continue;
    if (/^\d+$/.test(token.word)) {
      out['#number'] = 1;
      continue;
    }
    const stemmed = stem(token.word, locale);
    out[stemmed] = 1;
    for (const concept of conceptsOf(token.word)) out[`~${concept}`] = 1;
  }
  return out;
}
