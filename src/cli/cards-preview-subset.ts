import type { CatalogueEntry } from './card-catalogue';
import { isPaging } from './card-catalogue-actions';
import { isJsonObject, type JsonObject as Json } from '../domain/json';

/**
 * The layout of a card, not its words: the element types of its body two levels deep (a repeated
 * row counted once) and its action types. A refusal, an empty list and a full list of the same
 * question differ; two workspaces' summaries do not.
 */
export function layoutOf(card: Json): string {
  const types = (items: unknown, depth: number): string[] => {
    if (!Array.isArray(items)) return [];
    const out: string[] = [];
    for (const item of items) {
      if (!isJsonObject(item) || typeof item.type !== 'string') continue;
      const inner = depth > 0 ? types(item.items ?? item.columns ?? item.rows ?? item.cells, depth - 1) : [];
      const here = inner.length ? `${item.type}(${inner.join(',')})` : item.type;
      if (out[out.length - 1] !== here) out.push(here);
    }
    return out;
  };
  const actions = Array.isArray(card.actions) ? card.actions.filter(isJsonObject).map((a) => String(a.type)) : [];
  return `${types(card.body, 2).join(',')}|${[...new Set(actions)].join(',')}`;
}

/** What was asked or clicked, whoever did: typed questions by key, clicks by verb (paging apart). */
const stepOf = (e: CatalogueEntry): string =>
  e.action ? `click:${e.action.verb}${isPaging(e.action) ? ':page' : ''}` : `ask:${e.questionKey}`;

/**
 * The cards worth looking at: for each language, each question or kind of click and each layout,
 * the first card of the catalogue (users in the order of users.json, so the customer admin's
 * answers first, then the refusals and empty states of the users who get them).
 */
export function previewSubset(entries: readonly CatalogueEntry[]): CatalogueEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.locale} ${stepOf(e)} ${layoutOf(e.content)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
