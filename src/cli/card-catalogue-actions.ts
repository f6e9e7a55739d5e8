// What a person can click on an expanded card, found wherever the templates put it (buttons,
// clickable lines and columns, ActionSets, show-cards, a refresh), so that redesigned templates are
// still explored without changes here.

import { isJsonObject, type JsonObject as Json } from '../domain/json';

export interface ExecuteAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

interface Inputs {
  /** Each input's value as the card opens (its `value`), by id. */
  defaults: Json;
  /** Each choice set: its id and the values it offers. */
  choices: { id: string; values: string[] }[];
}

function inputsOf(card: Json): Inputs {
  const inputs: Inputs = { defaults: {}, choices: [] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isJsonObject(node)) {
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') {
        if (node.value !== undefined) inputs.defaults[node.id] = node.value;
        if (node.type === 'Input.ChoiceSet' && Array.isArray(node.choices)) {
          const values = node.choices.filter(isJsonObject).map((c) => String(c.value));
          inputs.choices.push({ id: node.id, values });
        }
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return inputs;
}

/**
 * Every Action.Execute of a card, in document order, each (verb, data) once. As in Teams, the
 * card's input values travel with the action's data; an action that takes inputs is also clicked
 * with each other choice of each choice set (one changed at a time), the filters a person would try.
 */
export function executeActionsOf(card: Json): ExecuteAction[] {
  const inputs = inputsOf(card);
  const found = new Map<string, ExecuteAction>();
  const add = (action: ExecuteAction): void => {
    const key = actionKey(action.verb, action.data);
    if (!found.has(key)) found.set(key, action);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isJsonObject(node)) {
      if (node.type === 'Action.Execute' && typeof node.verb === 'string') {
        const title = typeof node.title === 'string' ? node.title : '';
        const own = isJsonObject(node.data) ? node.data : {};
        const takesInputs = node.associatedInputs !== 'none' && Object.keys(inputs.defaults).length + inputs.choices.length > 0;
        const data = takesInputs ? { ...own, ...inputs.defaults } : own;
        add({ title, verb: node.verb, data });
        if (takesInputs && own.page === undefined) {
          for (const { id, values } of inputs.choices) {
            for (const value of values.filter((v) => v !== data[id])) add({ title, verb: node.verb, data: { ...data, [id]: value } });
          }
        }
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return [...found.values()];
}

export const actionKey = (verb: string, data: Readonly<Record<string, unknown>>): string => `${verb} ${JSON.stringify(data)}`;

/** A paging button: it asks for another page of the same answer. */
export const isPaging = (action: ExecuteAction): boolean => action.data.page !== undefined;

/** Lower-case ASCII words joined by "-", safe in a file name on every system. */
export function slug(text: string, max = 60): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, max).replace(/-+$/, '');
}

// The workspace and the language are the same for every click of one answer: they add no meaning;
// ids made at run time (requests, confirmations) would make the name change on every run.
const CONTEXT_KEYS = new Set(['workspace', 'locale', 'requestId', 'changeId']);

/** A value as a name part: text and numbers as they are, an object by its own values. */
const part = (value: unknown): string =>
  value !== null && typeof value === 'object' ? Object.values(value as Record<string, unknown>).map(part).join(' ') : String(value);

/** "history-ent-01-page-2": the verb and what the click is about, stable across runs. */
export function actionSlug(action: ExecuteAction): string {
  const parts = Object.keys(action.data)
    .filter((k) => !CONTEXT_KEYS.has(k))
    .sort()
    .map((k) => (k === 'page' ? `page-${String(action.data[k])}` : part(action.data[k])));
  return slug([action.verb, ...parts].join(' '), 80);
}
