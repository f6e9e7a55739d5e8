import type { Locale } from '../domain/vocabulary';
import { Analysis } from './analysis';
import { extractDates } from './dates';
import { detectLocale, type LocaleWords } from './detect-locale';
import { extractContracts, extractEmails } from './identifiers';
import { extractTerms } from './lexicon';
import { extractNames, type KnownNames } from './names';
import { extractQuantities } from './quantities';
import type { SpellChecker } from './spell';

export interface AnalyseOptions {
  /** The client's locale: kept when the text does not clearly say otherwise. */
  locale?: Locale;
  today: string;
  names?: KnownNames;
}

/** What the trained model adds to the pipeline (absent while the corpus itself is being read). */
export interface Knowledge {
  speller?: SpellChecker;
  localeWords?: LocaleWords;
}

const ACCENTED = /[àèéìòù]/i;
const NAMES: ReadonlySet<string> = new Set(['email', 'contract', 'workspace', 'package']);

/**
 * Reads a message: identifiers, then words (spelling corrected), the language, quantities,
 * dates, categories and roles, names. Each step hides what it found from the next, so that
 * "contratto 4100-22" is no date and "Customer Activity" no workspace.
 */
export function analyse(text: string, options: AnalyseOptions, knowledge: Knowledge = {}): { analysis: Analysis; locale: Locale } {
  const analysis = new Analysis(text);
  extractEmails(analysis);
  extractContracts(analysis);
  analysis.tokenize();
  const { speller } = knowledge;
  if (speller) for (const token of analysis.tokens) token.word = speller.correct(token.text);
  const locale = detectLocale(
    analysis.tokens.map((t) => t.text),
    options.locale ?? 'en',
    knowledge.localeWords,
    ACCENTED.test(analysis.raw),
  );
  extractQuantities(analysis);
  extractDates(analysis, locale, options.today);
  extractTerms(analysis);
  extractNames(analysis, options.names);
  // Again without the names and addresses: "cosa include Modern Work?" is Italian.
  const words = analysis.tokens.filter((t) => t.mention === undefined || !NAMES.has(analysis.mentions[t.mention]?.kind ?? 'email'));
  const final = detectLocale(words.map((t) => t.text), options.locale ?? 'en', knowledge.localeWords, ACCENTED.test(analysis.raw));
  return { analysis, locale: final };
}
