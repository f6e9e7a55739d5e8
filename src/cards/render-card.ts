import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** An Adaptive Card ready to attach to a message (the Bot Framework attachment shape). */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

// Templates live in the top-level cards/ folder; from src/cards and dist/cards alike it is two up.
const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'cards');
const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    const json: unknown = JSON.parse(readFileSync(path.join(TEMPLATE_DIR, `${name}.json`), 'utf8'));
    t = new ACData.Template(json);
    templates.set(name, t);
  }
  return t;
}

/** A `$when` on an object-valued property leaves `null` behind; cards never need explicit nulls. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
  return out;
}

/** Expands `cards/<name>.json` with `data` as `$root`. */
export function renderCard(name: string, data: object): CardAttachment {
  const content = dropNulls(template(name).expand({ $root: data })) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
