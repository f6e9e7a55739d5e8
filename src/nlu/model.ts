import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NeuralJson } from '@nlpjs/neural';
import { CATEGORY_SYNONYMS, ROLE_SYNONYMS, STATUS_SYNONYMS } from '../domain/synonyms';
import { CATEGORY_LABELS, LOCALES, ROLE_LABELS, type Locale } from '../domain/vocabulary';
import { analyse } from './analyse';
import { IntentClassifier, type TrainingExample } from './classifier';
import { COMMANDS } from './commands';
import { CONCEPT_WORDS } from './concepts';
import { CORPUS, corpusUtterances } from './corpus/index';
import type { LocaleWords } from './detect-locale';
import { features } from './features';
import { ENGLISH_WORDS, ITALIAN_WORDS } from './function-words';
import { lexiconWords, phraseWords } from './lexicon';
import { NUMBER_WORDS } from './numbers';
import { SpellChecker } from './spell';

// The trained model: one classifier per language, the vocabulary the spell checker corrects
// towards, and the words that tell the languages apart. Training is deterministic; its result is
// committed as model.json (`npm run nlu:train`) so that start-up only loads it. model.json records
// a hash of what it was trained from: if the corpus or the synonyms changed since, the model is
// trained again in memory instead (slower start, never a stale answer), and a test fails until
// model.json is regenerated.

/** Bump when a change to the reading pipeline changes the features of the corpus. */
export const PIPELINE_VERSION = 5;
export const MODEL_FILE = path.join(__dirname, 'model.json');

const NAME_KINDS: ReadonlySet<string> = new Set(['email', 'contract', 'workspace', 'package']);

/** Any date works for reading the corpus: its dates become placeholders. */
const CORPUS_TODAY = '2026-01-15';
/** The names the corpus uses, known as the bot knows the asker's: "cosa include Modern Work?" */
const CORPUS_NAMES = {
  workspaces: ['Legal', 'Legale', 'Retail', 'Procurement', 'Acquisti', 'Engineering', 'Produzione', 'Logistics', 'Logistica', 'Europe', 'Europa'],
  packages: ['Security Essentials', 'Azure Advanced Support', 'Data Platform', 'Modern Work'],
};

export interface Model {
  classifiers: Record<Locale, IntentClassifier>;
  speller: SpellChecker;
  localeWords: LocaleWords;
}

export interface ModelFile {
  sourceHash: string;
  classifiers: Record<Locale, NeuralJson>;
  vocabulary: [string, number][];
  localeWords: Record<Locale, string[]>;
}

/** What the model is trained from, as a hash: the corpus and every word table the training reads. */
export function sourceHash(): string {
  const sources = [
    PIPELINE_VERSION, CORPUS_NAMES, CORPUS, CATEGORY_SYNONYMS, ROLE_SYNONYMS, STATUS_SYNONYMS, CATEGORY_LABELS, ROLE_LABELS,
    COMMANDS, CONCEPT_WORDS, [...ITALIAN_WORDS], [...ENGLISH_WORDS],
  ];
  return createHash('sha256').update(JSON.stringify(sources)).digest('hex');
}

function countWords(counts: Map<string, number>, words: Iterable<string>): void {
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
}

interface CorpusReading {
  examples: Record<Locale, TrainingExample[]>;
  wordsByLocale: Record<Locale, Map<string, number>>;
}

/** The corpus read by the same pipeline as the messages: training examples and the words seen. */
export function readCorpus(): CorpusReading {
  const examples: Record<Locale, TrainingExample[]> = { it: [], en: [] };
  const wordsByLocale: Record<Locale, Map<string, number>> = { it: new Map(), en: new Map() };
  for (const utterance of corpusUtterances()) {
    const { analysis } = analyse(utterance.text, { locale: utterance.locale, today: CORPUS_TODAY, names: CORPUS_NAMES });
    examples[utterance.locale].push({ features: features(analysis, utterance.locale), intent: utterance.intent });
    // the language's words: all but names and addresses ("due settimane" is Italian even as a quantity)
    const isName = (i: number | undefined) => i !== undefined && NAME_KINDS.has(analysis.mentions[i]?.kind ?? 'email');
    countWords(wordsByLocale[utterance.locale], analysis.tokens.filter((t) => !isName(t.mention)).map((t) => t.text));
  }
  return { examples, wordsByLocale };
}

export function trainModelFile(): ModelFile {
  const { examples, wordsByLocale } = readCorpus();
  const vocabulary = new Map<string, number>();
  for (const locale of LOCALES) for (const [word, count] of wordsByLocale[locale]) vocabulary.set(word, (vocabulary.get(word) ?? 0) + count);
  countWords(vocabulary, lexiconWords());
  countWords(vocabulary, NUMBER_WORDS);
  countWords(vocabulary, CONCEPT_WORDS);
  countWords(vocabulary, [...ITALIAN_WORDS, ...ENGLISH_WORDS]);
  for (const spec of COMMANDS) for (const locale of LOCALES) for (const verb of spec.verbs[locale]) countWords(vocabulary, phraseWords(verb));
  const only = (mine: Map<string, number>, other: Map<string, number>, otherFunctionWords: ReadonlySet<string>): string[] =>
    [...mine.keys()].filter((w) => !other.has(w) && !otherFunctionWords.has(w) && !/\d/.test(w)).sort();
  return {
    sourceHash: sourceHash(),
    classifiers: { it: IntentClassifier.train(examples.it).toJSON(), en: IntentClassifier.train(examples.en).toJSON() },
    vocabulary: [...vocabulary].sort((a, b) => a[0].localeCompare(b[0])),
    localeWords: { it: only(wordsByLocale.it, wordsByLocale.en, ENGLISH_WORDS), en: only(wordsByLocale.en, wordsByLocale.it, ITALIAN_WORDS) },
  };
}

export function modelFromFile(file: ModelFile): Model {
  return {
    classifiers: { it: IntentClassifier.fromJSON(file.classifiers.it), en: IntentClassifier.fromJSON(file.classifiers.en) },
    speller: new SpellChecker(new Map(file.vocabulary)),
    localeWords: {
      it: new Set([...ITALIAN_WORDS, ...file.localeWords.it]),
      en: new Set([...ENGLISH_WORDS, ...file.localeWords.en]),
    },
  };
}

/** The committed model file, if present and trained from the current sources. */
export function readModelFile(): ModelFile | undefined {
  try {
    const file = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ModelFile;
    return file.sourceHash === sourceHash() ? file : undefined;
  } catch {
    return undefined;
  }
}

let model: Model | undefined;

/** The model, loaded (or trained) on first use; `warmUp` pays that cost at start-up. */
export function getModel(): Model {
  model ??= modelFromFile(readModelFile() ?? trainModelFile());
  return model;
}
