import { distance } from 'fastest-levenshtein';
import type { Analysis, Token } from './analysis';
import { COMMANDS } from './commands';
import { CONCEPT_WORDS } from './concepts';
import { isFunctionWord } from './function-words';
import { lexiconWords, phraseWords } from './lexicon';
import { fold } from './normalize';

// Workspace and package names. When the bot knows the names the asker may see, the text is matched
// against them, tolerant of case and small typos, and the known name comes back. Otherwise a name is
// what follows (or precedes) the words that announce one: "nell'area Finance", "the Sales
// workspace", "in HR", "switch to IT Operations", "il pacchetto Azure Advanced Support".

export interface KnownNames {
  workspaces: readonly string[];
  packages: readonly string[];
}

const WORKSPACE_CUES = new Set(['area', 'workspace', 'ws']);
const WORKSPACE_CUE_FILLER = new Set(['di', 'lavoro', 'named', 'called', 'chiamata', 'denominata']);
const PACKAGE_CUES = new Set(['package', 'pacchetto', 'bundle', 'pack']);
const PACKAGE_CUE_FILLER = new Set(['named', 'called', 'chiamato', 'denominato', 'di', 'nome']);
const NAME_PREPOSITIONS = new Set(['in', 'for', 'to', 'into', 'per', 'a', 'su', 'nel', 'nella', 'sul', 'sulla']);
const SWITCH_VERBS = new Set(['switch', 'change', 'go', 'move', 'use', 'passa', 'cambia', 'vai', 'torna', 'usa', 'spostati', 'spostiamoci', 'passiamo', 'torniamo', 'andiamo', 'imposta', 'seleziona', 'select', 'scegli', 'pick']);
const SWITCH_FILLER = new Set(['to', 'back', 'over', 'the', 'workspace', 'area', 'a', 'al', 'alla', 'all', 'su', 'sull', 'sulla', 'in', 'nell', 'nella', 'l', 'di', 'lavoro']);
// Capitalised words that name no workspace: products, contract types, the account team.
const NOT_NAMES = new Set([
  'i', 'microsoft', 'teams', 'windows', 'azure', 'office', 'outlook', 'excel', 'word', 'unified', 'premier',
  'csam', 'account', 'coordinator', 'manager', 'support', 'services', 'hub', 'services hub', 'pdf', 'csv', 'xlsx',
  'ok', 'okay', 'thanks', 'grazie', 'please', 'enterprise', 'cpod', 'pod',
]);
// Words of the domain are never a lower-case name: "the workspace contracts" names no workspace.
const DOMAIN_WORDS: ReadonlySet<string> = new Set([
  ...lexiconWords(),
  ...CONCEPT_WORDS,
  ...COMMANDS.flatMap((c) => [...c.verbs.en, ...c.verbs.it].flatMap(phraseWords)),
  ...'contracts contratti packages pacchetti cases casi tickets reminders promemoria report summary riepilogo credits crediti roles ruoli'.split(' '),
]);
const isDomainWord = (word: string): boolean => DOMAIN_WORDS.has(word);
const ALL_WORDS = new Set(['all', 'tutte', 'tutti', 'every', 'ogni', 'each', 'both', 'entrambe', 'qualsiasi', 'any']);
const ALL_TARGETS = new Set(['workspace', 'workspaces', 'area', 'aree', 'areas', 'spazi']);

const isCapitalised = (analysis: Analysis, t: Token): boolean => {
  const first = analysis.raw.charAt(t.start);
  return first !== first.toLowerCase();
};
// Digits continue a name ("Region 2") but never start one ("for 7am").
const continuesName = (analysis: Analysis, t: Token): boolean => isCapitalised(analysis, t) || /^\d+$/.test(t.text);

/** Tokens i..j-1 joined only by spaces or name punctuation (&, -, /), not by , . ? : */
const joined = (analysis: Analysis, a: Token, b: Token): boolean => /^[\s&/-]*$/.test(analysis.raw.slice(a.end, b.start)) && b.start - a.end < 4;

/** "The", "Per" are words; "IT" in capitals is a name. */
function isPlainWord(analysis: Analysis, i: number): boolean {
  const t = analysis.tokens[i];
  if (!t || !isFunctionWord(t.text)) return false;
  const raw = analysis.raw.slice(t.start, t.end);
  return raw.length < 2 || raw !== raw.toUpperCase();
}

/** A run of capitalised free tokens from i (forward) — "IT Operations", "Security Essentials". */
function capitalRun(analysis: Analysis, i: number, anyName = false): number {
  let j = i;
  while (j < analysis.tokens.length && analysis.isFree(j)) {
    const t = analysis.tokens[j] as Token;
    if (j === i ? !isCapitalised(analysis, t) || (!anyName && NOT_NAMES.has(t.text)) : !continuesName(analysis, t)) break;
    if (j > i && !joined(analysis, analysis.tokens[j - 1] as Token, t)) break;
    j += 1;
  }
  return j;
}

/** A run of capitalised free tokens ending just before i (backward). */
function capitalRunBefore(analysis: Analysis, i: number): number {
  let j = i;
  while (j > 0 && analysis.isFree(j - 1)) {
    const t = analysis.tokens[j - 1] as Token;
    const next = analysis.tokens[j];
    const before = analysis.tokens[j - 2];
    // "R&D", "Nord-Est": a short word glued to the next or the previous one is part of the name
    const glued = (next !== undefined && j < i && /^[&/-]$/.test(analysis.raw.slice(t.end, next.start).trim())) ||
      (before !== undefined && /^[&/-]$/.test(analysis.raw.slice(before.end, t.start).trim()));
    if (!isCapitalised(analysis, t) || NOT_NAMES.has(t.text) || (isPlainWord(analysis, j - 1) && !glued)) break;
    if (j < i && !joined(analysis, t, next as Token)) break;
    j -= 1;
  }
  return j;
}

/** The name starting at i: a capitalised run, or one lower-case word no dictionary knows. */
function nameAt(analysis: Analysis, i: number, lowerCaseToo: boolean): number {
  const t = analysis.tokens[i];
  if (!t || !analysis.isFree(i)) return i;
  const run = capitalRun(analysis, i);
  if (run > i) return run;
  if (lowerCaseToo && !isFunctionWord(t.text) && !isDomainWord(t.text) && !NOT_NAMES.has(t.text) && /^\p{L}[\p{L}\p{N}]*$/u.test(t.text)) return i + 1;
  return i;
}

function addName(analysis: Analysis, kind: 'workspace' | 'package', from: number, to: number, weak = false): void {
  const first = analysis.tokens[from];
  const last = analysis.tokens[to - 1];
  if (!first || !last || to <= from) return;
  const value = analysis.written(first.start, last.end);
  analysis.add(kind === 'workspace' && weak ? { kind, value, weak } : { kind, value }, first.start, last.end);
}

/** Best known name over the free tokens: fewest edits, longer names first; short names need their case. */
function matchKnown(analysis: Analysis, names: readonly string[], kind: 'workspace' | 'package'): boolean {
  let best: { name: string; from: number; to: number; cost: number } | undefined;
  for (const name of names) {
    const target = fold(name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (!target) continue;
    const size = target.split(' ').length;
    const allowed = target.length <= 3 ? 0 : target.length <= 6 ? 1 : 2;
    for (let i = 0; i + size <= analysis.tokens.length; i += 1) {
      let free = true;
      for (let k = i; k < i + size; k += 1) free &&= analysis.isFree(k);
      if (!free) continue;
      const tokens = analysis.tokens.slice(i, i + size);
      const text = tokens.map((t) => t.text).join(' ');
      if (Math.abs(text.length - target.length) > allowed || text[0] !== target[0]) continue;
      const cost = text === target ? 0 : distance(text, target);
      if (cost > allowed) continue;
      const first = tokens[0] as Token;
      const last = tokens[tokens.length - 1] as Token;
      // "it", "hr" as plain words are not the IT or HR workspace: short names match as written.
      if (target.length <= 3 && analysis.raw.slice(first.start, last.end) !== name && !cuedBefore(analysis, i)) continue;
      if (kind === 'package' && size === 1 && target.length < 8 && !cuedAround(analysis, i, i + size)) continue;
      if (!best || cost < best.cost || (cost === best.cost && target.length > fold(best.name).length)) best = { name, from: i, to: i + size, cost };
    }
  }
  if (!best) return false;
  const from = analysis.tokens[best.from] as Token;
  const to = analysis.tokens[best.to - 1] as Token;
  analysis.add({ kind, value: best.name }, from.start, to.end);
  return true;
}

const cuedBefore = (analysis: Analysis, i: number): boolean => {
  const before = analysis.tokens[i - 1]?.text ?? '';
  return WORKSPACE_CUES.has(before) || NAME_PREPOSITIONS.has(before) || SWITCH_VERBS.has(before) || before === 'nell' || before === 'dell' || before === 'all';
};
const cuedAround = (analysis: Analysis, from: number, to: number): boolean =>
  PACKAGE_CUES.has(analysis.tokens[from - 1]?.text ?? '') || PACKAGE_CUES.has(analysis.tokens[to]?.text ?? '');

/** "all'area" is Italian "to the area", not English "all". */
const isElided = (analysis: Analysis, i: number): boolean => /['’]/.test(analysis.raw.charAt(analysis.tokens[i]?.end ?? 0));

function findAll(analysis: Analysis): void {
  const words = analysis.tokens.map((t, i) => (analysis.isFree(i) ? t.word : ''));
  for (let i = 0; i < words.length; i += 1) {
    if (!ALL_WORDS.has(words[i] ?? '') || isElided(analysis, i)) continue;
    let j = i + 1;
    while (['the', 'my', 'of', 'le', 'i', 'gli', 'our', 'mie', 'miei', 'nostre', 'nostri', 'le mie'].includes(words[j] ?? '')) j += 1;
    if (!ALL_TARGETS.has(words[j] ?? '')) continue;
    const bare = j === i + 1;
    if (words[j + 1] === 'di' && words[j + 2] === 'lavoro') j += 2;
    // "passa all area Finance": Italian "all'area" typed without its apostrophe, naming one area
    if (words[i] === 'all' && bare && nameAt(analysis, j + 1, true) > j + 1) continue;
    analysis.addTokens({ kind: 'workspace', value: 'all' }, i, j + 1);
    return;
  }
}

function findPackage(analysis: Analysis): void {
  const { tokens } = analysis;
  for (let i = 0; i < tokens.length; i += 1) {
    if (!analysis.isFree(i) || !PACKAGE_CUES.has(tokens[i]?.text ?? '')) continue;
    let j = i + 1;
    while (PACKAGE_CUE_FILLER.has(tokens[j]?.text ?? '') && analysis.isFree(j)) j += 1;
    const after = capitalRun(analysis, j, true);
    if (after > j) return addName(analysis, 'package', j, after);
    const before = capitalRunBefore(analysis, i);
    if (before < i) return addName(analysis, 'package', before, i);
  }
}

function findWorkspace(analysis: Analysis): void {
  const { tokens } = analysis;
  // "nell'area Finance", "workspace: Sales", "area di lavoro Marketing"; "the Sales workspace"
  for (let i = 0; i < tokens.length; i += 1) {
    if (!analysis.isFree(i) || !WORKSPACE_CUES.has(tokens[i]?.text ?? '')) continue;
    let j = i + 1;
    while (WORKSPACE_CUE_FILLER.has(tokens[j]?.text ?? '') && analysis.isFree(j)) j += 1;
    const after = nameAt(analysis, j, true);
    if (after > j) return addName(analysis, 'workspace', j, after);
    const before = capitalRunBefore(analysis, i);
    if (before < i) return addName(analysis, 'workspace', before, i);
  }
  // "switch to HR", "passa a Finance", "use sales"
  for (let i = 0; i < tokens.length; i += 1) {
    if (!analysis.isFree(i) || !SWITCH_VERBS.has(tokens[i]?.word ?? '')) continue;
    let j = i + 1;
    while (SWITCH_FILLER.has(tokens[j]?.text ?? '') && analysis.isFree(j) && (tokens[j]?.text !== 'all' || isElided(analysis, j))) j += 1;
    if (ALL_WORDS.has(tokens[j]?.text ?? '') && analysis.isFree(j)) return analysis.addTokens({ kind: 'workspace', value: 'all' }, j, j + 1);
    const after = nameAt(analysis, j, j > i + 1 || tokens[i]?.word === 'use' || tokens[i]?.word === 'usa');
    if (after > j) return addName(analysis, 'workspace', j, after);
  }
  // "in Finance", "for Sales", "per l'area" handled above; here capitalised names after a preposition
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    if (!analysis.isFree(i) || !NAME_PREPOSITIONS.has(tokens[i]?.text ?? '')) continue;
    const after = capitalRun(analysis, i + 1);
    if (after > i + 1 && !isPlainWord(analysis, i + 1)) return addName(analysis, 'workspace', i + 1, after, true);
  }
}

/** Workspace "all", then known names, then names by their cue words. */
export function extractNames(analysis: Analysis, names?: KnownNames): void {
  findAll(analysis);
  if (names && names.packages.length > 0) matchKnown(analysis, names.packages, 'package');
  if (!analysis.find('package').length) findPackage(analysis);
  if (analysis.find('workspace').length) return;
  if (names && names.workspaces.length > 0 && matchKnown(analysis, names.workspaces, 'workspace')) return;
  findWorkspace(analysis);
}
