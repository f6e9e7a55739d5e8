import type { Analysis } from './analysis';
import { findFormat } from './formats';
import { findStatus } from './lexicon';

// Elliptical follow-ups: "e per i workshop?", "and in Sales?", "what about last month?",
// "invece da marzo?". Only entities and connecting words: the bot applies them to the previous
// question. A message with any other word goes to the classifier.

const CONNECTING = new Set(
  `e ed and also anche invece instead then allora ora now what how about whats s as same stesso stessa quello quella
  quelli quelle one ones those these them vale for per in on su sul sulla nel nella nell dell della del dei degli delle di
  da dal dalla dall from since until till to a al alla all fino the il lo la i gli le l un una an of with con only solo
  just quanto quanti quante area workspace lavoro contract contratto status stato role ruolo please favore pls ok`.split(/\s+/),
);

// How elliptical follow-ups start; without one, a message the classifier is sure of is a question
// of its own ("what's in Security Essentials?").
const STARTS = new Set(['e', 'ed', 'and', 'invece', 'anche', 'also', 'about', 'same', 'stesso', 'stessa', 'then', 'allora', 'ora', 'now', 'instead']);

/** `understood`: the classifier is sure of an intent (then only an explicit start makes it a follow-up). */
export function isFollowUp(analysis: Analysis, understood: boolean): boolean {
  const status = findStatus(analysis);
  const format = findFormat(analysis);
  const entities = analysis.mentions.length + (status ? 1 : 0) + (format ? 1 : 0);
  if (entities === 0 || analysis.tokens.length > 12) return false;
  const first = analysis.tokens[0]?.word ?? '';
  const cued = STARTS.has(first) || ((first === 'what' || first === 'how') && analysis.tokens[1]?.word === 'about');
  if (understood && !cued) return false;
  for (let i = 0; i < analysis.tokens.length; i += 1) {
    if (!analysis.isFree(i) || (status && i >= status.from && i < status.to) || (format && i >= format.from && i < format.to)) continue;
    if (!CONNECTING.has(analysis.tokens[i]?.word ?? '')) return false;
  }
  return true;
}
