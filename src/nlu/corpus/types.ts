import type { Locale } from '../../domain/vocabulary';
import type { Intent } from '../nlu-result';

/**
 * Phrasings of one intent, per language. A line may hold alternatives: "(how many|how much)
 * (credits|hours) (are|is) left" stands for each of its combinations (a few of them when there are
 * many, picked evenly so the corpus stays balanced). "(please |)" makes a word optional.
 */
export interface IntentCorpus {
  intent: Intent;
  en: readonly string[];
  it: readonly string[];
}

export type Utterance = { text: string; intent: Intent; locale: Locale };
