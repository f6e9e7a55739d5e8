import type { Locale } from '../domain/vocabulary';
import { analyse } from './analyse';
import type { Analysis } from './analysis';
import { parseCommand } from './command-parser';
import { buildEntities } from './entities';
import { features } from './features';
import { isFollowUp } from './follow-up';
import { isFunctionWord } from './function-words';
import { getModel, type Model } from './model';
import type { KnownNames } from './names';
import type { Intent, NluResult } from './nlu-result';
import { stem } from './stemmers';

export type { KnownNames } from './names';

export interface RecognizeOptions {
  /** The locale the client reported, if any; the text wins when it clearly says otherwise. */
  locale?: Locale;
  /** ISO date that relative dates resolve against. */
  today: string;
  /** Workspace and package names the asker may see: matched tolerant of case and typos. */
  names?: KnownNames;
}

/** Below this the classifier's best guess is not an answer: the bot says it did not understand. */
export const MIN_CONFIDENCE = 0.5;
// A message most of whose words the classifier never saw is about something else ("che tempo fa").
const MIN_KNOWN_SHARE = 0.34;
const SURE_KNOWN_SHARE = 0.6;
const SURE_CONFIDENCE = 0.8;

// Sentences that take each path of the date parser once (weekdays, times, months, ranges, numeric
// and ISO dates, relative days) in both languages, so that no first message pays for compiling it.
const WARM_UP: readonly [string, Locale][] = [
  ['storico dei crediti proattivi dal 1 ottobre al 15 novembre', 'it'],
  ['consumi di marzo 2025 fino al 31/12, giovedì alle 15, domani e ieri', 'it'],
  ['pacchetti in scadenza entro 3 mesi o prima del 2027-02-01', 'it'],
  ['workshop history from March 1 to June 30 in Sales', 'en'],
  ['since 15 June 2025 until tomorrow, on Friday at 3pm, by 31/10', 'en'],
  ['expiring in the next sixty days or before 2027-03-31', 'en'],
];

/** Loads the model and runs each path of the pipeline once: start-up pays, not the first message. */
export function warmUp(): void {
  getModel();
  for (const [text, locale] of WARM_UP) recognize(text, { today: '2026-11-22', locale });
}

interface Guess {
  intent: Intent;
  confidence: number;
}

// Entities that only this domain has: a message naming one is about the domain whatever its other words.
const DOMAIN_ENTITIES = new Set(['email', 'contract', 'category', 'role', 'package']);

function classify(model: Model, analysis: Analysis, locale: Locale): Guess {
  const input = features(analysis, locale);
  const classifier = model.classifiers[locale];
  const best = classifier.classify(input)[0] ?? { intent: 'none', score: 1 };
  // Out of scope: content words the model never saw, and no entity of the domain. A few unknown
  // words are fine when the model is sure of the rest ("overall usage numbers for the organisation").
  const content = analysis.tokens.filter((t, i) => analysis.isFree(i) && !isFunctionWord(t.word) && !/^\d+$/.test(t.word));
  const known = content.filter((t) => classifier.knows(stem(t.word, locale))).length;
  const share = content.length === 0 ? 1 : known / content.length;
  const domain = analysis.mentions.some((m) => DOMAIN_ENTITIES.has(m.kind) || (m.kind === 'workspace' && !m.weak));
  if (!domain && (share < MIN_KNOWN_SHARE || (share < SURE_KNOWN_SHARE && best.score < SURE_CONFIDENCE))) {
    return { intent: 'none', confidence: best.score };
  }
  return { intent: best.intent, confidence: best.score };
}

/** Intent and entities of one message. Never throws: anything unreadable is `none`. */
export function recognize(text: string, options: RecognizeOptions): NluResult {
  try {
    return understand(text, options);
  } catch {
    return { text, locale: options.locale ?? 'en', intent: 'none', entities: {}, confidence: 0 };
  }
}

/** `recognize` without the safety net (tests call it to see any error). */
export function understand(text: string, options: RecognizeOptions): NluResult {
  const model = getModel();
  if (text.trim() === '?') return { text, locale: options.locale ?? 'en', intent: 'help', entities: {}, confidence: 1 };
  const { analysis, locale } = analyse(text, options, model);

  const command = parseCommand(analysis, locale, (word) => model.speller.has(word));
  if (command) {
    const intent = command.spec.intent;
    return {
      text,
      locale: command.locale ?? locale,
      intent,
      entities: buildEntities(analysis, intent, options.today),
      confidence: 1,
      ...(command.problem ? { problem: command.problem } : {}),
    };
  }

  let guess = classify(model, analysis, locale);
  if (isFollowUp(analysis, guess.intent !== 'none' && guess.confidence >= SURE_CONFIDENCE)) {
    return { text, locale, intent: 'none', entities: buildEntities(analysis, 'none', options.today, true), confidence: 0, followUp: true };
  }
  if (guess.intent === 'none' || guess.confidence < MIN_CONFIDENCE) {
    // Mixed-language messages: the other language's model may know the words.
    const other = classify(model, analysis, locale === 'it' ? 'en' : 'it');
    if (other.intent !== 'none' && other.confidence >= MIN_CONFIDENCE && other.confidence > guess.confidence) guess = other;
  }
  if (guess.intent === 'none' || guess.confidence < MIN_CONFIDENCE) {
    return { text, locale, intent: 'none', entities: {}, confidence: guess.intent === 'none' ? 0 : guess.confidence };
  }
  return { text, locale, intent: guess.intent, entities: buildEntities(analysis, guess.intent, options.today), confidence: round(guess.confidence) };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
