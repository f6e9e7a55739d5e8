import type { Locale } from '../domain/vocabulary';
import { detectLocale } from './detect-locale';
import type { Intent, NluResult } from './nlu-result';
import { normalize } from './normalize';

export interface RecognizeOptions {
  /** The locale the client reported, if any; the text wins when it clearly says otherwise. */
  locale?: Locale;
  /** ISO date that relative dates resolve against. */
  today: string;
}

// Walking-skeleton matcher: a few unambiguous patterns per intent. The trained classifier of the
// language issue replaces this file behind the same `recognize` signature.
const PATTERNS: readonly [Intent, RegExp][] = [
  ['help', /^(help|aiuto|\?|menu|start|ciao|hi|hello)$|\b(what can you do|cosa (sai|puoi) fare|come funzion|how does this work)\b/],
  ['workspace.list', /^(workspaces|aree( di lavoro)?)$|\b(which|what|my) workspaces\b|\b(quali|le mie) aree\b|\baree di lavoro ho\b/],
  ['contracts.active', /^(contracts|contratti)$|\b(active contracts|contratti attivi|when does the contract|quando scade il contratto)\b/],
];

export function recognize(text: string, options: RecognizeOptions): NluResult {
  const normalized = normalize(text);
  const locale = detectLocale(normalized, options.locale ?? 'en');
  const intent = PATTERNS.find(([, pattern]) => pattern.test(normalized))?.[0] ?? 'none';
  return { text, locale, intent, entities: {} };
}
