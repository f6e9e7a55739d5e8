// What a person sees on an expanded card, read from its JSON whatever the template's layout: the
// texts of its body, and whether it offers a way to the rest of a long list.

import { isJsonObject, type JsonObject as Json } from '../domain/json';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

// Not shown as part of the list: what buttons send, what is read aloud, what replaces a chart
// where Teams draws it (the chart and its fallback would count every line twice).
const HIDDEN_KEYS = new Set(['actions', 'selectAction', 'refresh', 'speak', 'fallback', 'data', 'msteams', 'altText']);

/** The texts of the card's body in reading order: TextBlocks, TextRuns, facts, table cells. */
export function visibleTexts(card: Json): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isJsonObject(node)) {
      if (typeof node.type === 'string' && node.type.startsWith('Chart.')) return;
      if (typeof node.text === 'string' && node.text.trim() !== '') out.push(node.text);
      if (node.type === 'FactSet' && Array.isArray(node.facts)) {
        for (const f of node.facts) if (isJsonObject(f)) out.push(`${str(f.title)} ${str(f.value)}`);
      }
      for (const [k, v] of Object.entries(node)) if (!HIDDEN_KEYS.has(k) && k !== 'facts') walk(v);
    }
  };
  walk(card.body);
  return out;
}

/** The card's title as a person reads it first (the first text of its body). */
export const cardTitle = (card: Json): string => visibleTexts(card)[0] ?? '';

interface Action {
  type: string;
  title: string;
  data: Json;
}

function actionsOf(card: Json): Action[] {
  const found: Action[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isJsonObject(node)) {
      if (typeof node.type === 'string' && node.type.startsWith('Action.')) {
        const data = isJsonObject(node.data) ? node.data : {};
        found.push({ type: node.type, title: typeof node.title === 'string' ? node.title : '', data });
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

// "Next page", "Show more", "Pagina successiva", "Mostra tutti", "Altri 20"…
const MORE_WORDS = /\b(next|more|show all|see all)\b|successiv|mostra (tutt|altr)|\baltri\b|\baltre\b|vedi tutt/i;

/** Whether the card offers the rest of a long list: a button asking for a page, or named like one (a link out does not count). */
export function offersMore(card: Json): boolean {
  return actionsOf(card).some((a) => a.type !== 'Action.OpenUrl' && (a.data.page !== undefined || MORE_WORDS.test(a.title)));
}

/**
 * How many of `items` the texts show: by key (an id such as case-0042) when the card shows keys,
 * else by label, each label counted as many times as it occurs (names repeat across contracts).
 */
export function listedCount(texts: readonly string[], items: readonly { key?: string; label: string }[]): number {
  const all = texts.join('\n');
  const byKey = items.filter((i) => i.key !== undefined && all.includes(i.key)).length;
  if (byKey > 0) return byKey;
  const wanted = new Map<string, number>();
  for (const i of items) wanted.set(i.label, (wanted.get(i.label) ?? 0) + 1);
  let listed = 0;
  for (const [label, count] of wanted) listed += Math.min(count, occurrences(all, label));
  return listed;
}

function occurrences(text: string, part: string): number {
  if (part === '') return 0;
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n += 1;
  return n;
}
