import { LOCALES, type Locale } from '../domain/vocabulary';
import type { Analysis } from './analysis';
import { commandProblem } from './command-problems';
import { COMMAND_FILLERS, COMMANDS, SINCE_WORDS, UNTIL_WORDS, type CommandSpec, type Slot } from './commands';
import { takes } from './entities';
import { isFunctionWord } from './function-words';
import { findFormat } from './formats';
import { findStatus, phraseWords } from './lexicon';
import type { CommandProblem, EntityKey } from './nlu-result';
import { PhraseMatcher } from './phrase-matcher';

// Short commands: "expiring 60d", "remaining proactive-credits", "history workshops since
// 2026-01-01", "grant customer-activity to x@y.com". A message is a command when it starts with a
// command's verb and everything after it is an argument or a filler word. When the only leftovers
// are words nobody knows (a typo'd category, "60x"), the command is still recognised and the
// problem names the argument and what it expects. Anything else is a sentence for the classifier.

const MAX_COMMAND_WORDS = 10;
const MAX_BAD_WORDS = 3;

export interface ParsedCommand {
  spec: CommandSpec;
  /** The verb's language, when only one language has it. */
  locale?: Locale;
  problem?: CommandProblem;
}

const VERBS = new PhraseMatcher<{ spec: CommandSpec; locales: Locale[] }>();
for (const spec of COMMANDS) {
  for (const locale of LOCALES) {
    for (const verb of spec.verbs[locale]) {
      const other: Locale = locale === 'it' ? 'en' : 'it';
      const both = spec.verbs[other].includes(verb);
      VERBS.add(phraseWords(verb), { spec, locales: both ? [...LOCALES] : [locale] });
    }
  }
}

const SLOT_ARGUMENT: Readonly<Record<Slot, EntityKey>> = {
  category: 'category',
  status: 'status',
  duration: 'within',
  days: 'thresholds',
  role: 'role',
  workspace: 'workspace',
};

const REQUIRED_MENTION: Readonly<Partial<Record<EntityKey, 'role' | 'email' | 'workspace' | 'category'>>> = {
  role: 'role',
  user: 'email',
  workspace: 'workspace',
};

function missingRequired(analysis: Analysis, spec: CommandSpec): EntityKey | undefined {
  return spec.required?.find((key) => {
    const kind = REQUIRED_MENTION[key];
    return kind !== undefined && analysis.find(kind).length === 0;
  });
}

const WORKSPACE_BEFORE = new Set(['in', 'for', 'per', 'nell', 'nella', 'su', 'sull', 'area', 'workspace', 'dell', 'to', 'a', 'all']);

/**
 * Words left over where a workspace goes are its name, as written: "use finance", "remaining
 * credits in hr" (the sentence rules want a capital; a command does not). Claimed words leave
 * `leftovers`.
 */
function claimWorkspace(analysis: Analysis, spec: CommandSpec, leftovers: number[]): void {
  const first = leftovers[0];
  if (first === undefined || analysis.find('workspace').length > 0 || !takes(spec.intent).includes('workspace')) return;
  const missing = missingRequired(analysis, spec);
  if (missing && missing !== 'workspace') return; // "grant x to bob": bob is the missing user
  const { tokens } = analysis;
  const afterVerbOrCue = spec.slot === 'workspace' || WORKSPACE_BEFORE.has(tokens[first - 1]?.word ?? '');
  if (!afterVerbOrCue || isFunctionWord(tokens[first]?.word ?? '')) return;
  let last = first;
  while (leftovers.includes(last + 1) && last - first < 2) last += 1;
  analysis.addTokens({ kind: 'workspace', value: analysis.written(tokens[first]?.start ?? 0, tokens[last]?.end ?? 0) }, first, last + 1);
  leftovers.splice(0, last - first + 1);
}

/**
 * `isKnown`: whether a word is one the recognizer knows (then a leftover word means this is a
 * sentence, not a command with a bad argument).
 */
export function parseCommand(analysis: Analysis, locale: Locale, isKnown: (word: string) => boolean): ParsedCommand | undefined {
  const { tokens } = analysis;
  if (tokens.length === 0 || tokens.length > MAX_COMMAND_WORDS || !analysis.isFree(0)) return undefined;
  const verb = VERBS.match(
    tokens.map((t, i) => (analysis.isFree(i) ? t.word : '')),
    0,
  );
  if (!verb) return undefined;
  const { spec } = verb.value;
  const fillers = new Set(spec.fillers ?? []);
  const status = findStatus(analysis);
  const format = findFormat(analysis);
  const leftovers: number[] = [];
  const numbers: number[] = [];
  for (let i = verb.length; i < tokens.length; i += 1) {
    const word = tokens[i]?.word ?? '';
    const isStatus = status !== undefined && i >= status.from && i < status.to;
    const isFormat = format !== undefined && i >= format.from && i < format.to;
    if (!analysis.isFree(i) || isStatus || isFormat || COMMAND_FILLERS.has(word) || fillers.has(word) || SINCE_WORDS.has(word) || UNTIL_WORDS.has(word)) continue;
    if ((spec.slot === 'days' || spec.slot === 'duration') && /^\d{1,4}$/.test(word)) numbers.push(i);
    else leftovers.push(i);
  }
  // bare numbers are days: "remind 90 30 7", "expiring 60"
  if (numbers.length > 0 && (spec.slot === 'days' || numbers.length === 1)) {
    for (const i of numbers) {
      analysis.addTokens({ kind: 'quantity', items: [{ value: Number(tokens[i]?.word), unit: 'D' }], direction: 'none' }, i, i + 1);
    }
  } else {
    leftovers.push(...numbers);
    leftovers.sort((a, b) => a - b);
  }
  claimWorkspace(analysis, spec, leftovers);
  const commandLocale = verb.value.locales.length === 1 ? verb.value.locales[0] : undefined;
  const problemLocale = commandLocale ?? locale;
  const problem = (argument: EntityKey, value: string): ParsedCommand => ({
    spec,
    ...(commandLocale ? { locale: commandLocale } : {}),
    problem: commandProblem(argument, value, spec.intent, problemLocale),
  });

  if (leftovers.length === 0) {
    const missing = missingRequired(analysis, spec);
    if (missing) return problem(missing, '');
    if (spec.slot === 'status' && status && !commandProblem('status', '', spec.intent, problemLocale).allowed?.includes(status.value)) {
      return problem('status', analysis.written(tokens[status.from]?.start ?? 0, tokens[status.to - 1]?.end ?? 0));
    }
    return { spec, ...(commandLocale ? { locale: commandLocale } : {}) };
  }
  const unknown = leftovers.every((i) => {
    const word = tokens[i]?.word ?? '';
    return /\d/.test(word) || !isKnown(word);
  });
  if (!unknown || leftovers.length > MAX_BAD_WORDS) return undefined;
  const first = leftovers[0] ?? 0;
  const last = leftovers[leftovers.length - 1] ?? first;
  const written = analysis.written(tokens[first]?.start ?? 0, tokens[last]?.end ?? 0);
  const before = tokens[first - 1]?.word ?? '';
  const dated = takes(spec.intent);
  if (SINCE_WORDS.has(before) && dated.includes('since')) return problem('since', written);
  if (UNTIL_WORDS.has(before) && dated.includes('until')) return problem('until', written);
  const missing = missingRequired(analysis, spec);
  if (missing) return problem(missing, written);
  if (spec.slot) return problem(SLOT_ARGUMENT[spec.slot], written);
  return undefined;
}
