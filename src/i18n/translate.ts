import i18next, { type i18n, type InitOptions } from 'i18next';
import type { Locale } from '../domain/vocabulary';
import en from './locales/en.json';
import it from './locales/it.json';

export type Translate = (key: string, params?: Readonly<Record<string, unknown>>) => string;

// One synchronous instance with both catalogs bundled: no I/O at turn time.
export const CATALOG_OPTIONS = {
  resources: { en: { translation: en }, it: { translation: it } },
  lng: 'en',
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
} as const satisfies InitOptions;

const instance: i18n = i18next.createInstance();
void instance.init(CATALOG_OPTIONS);

const translators = new Map<Locale, Translate>();

// Most texts are a catalog string with {{name}} placeholders: compiled once into parts, they are
// filled without i18next's per-call option merging and key resolution (the hot path of a card).
// Anything else (plurals via count, missing keys, nested objects) still goes through i18next.
type Compiled = readonly string[]; // literal, name, literal, name, …, literal
const PLACEHOLDER = /{{\s*([A-Za-z0-9_]+)\s*}}/g;

function compile(text: string): Compiled | undefined {
  if (text.includes('$t(') || /{{[^}]*[,-][^}]*}}/.test(text)) return undefined;
  return text.split(PLACEHOLDER);
}

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const fixed = instance.getFixedT(locale);
    const compiled = new Map<string, Compiled | null>();
    t = (key, params) => {
      if (params && 'count' in params) return fixed(key, params);
      let c = compiled.get(key);
      if (c === undefined) {
        const raw: unknown = instance.getResource(locale, 'translation', key);
        c = (typeof raw === 'string' ? compile(raw) : undefined) ?? null;
        compiled.set(key, c);
      }
      if (c === null) return fixed(key, params ?? {});
      let out = c[0] ?? '';
      for (let i = 1; i < c.length; i += 2) {
        const value = params?.[c[i] ?? ''];
        if (value === undefined) out += `{{${c[i]}}}`;
        else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out += String(value);
        else return fixed(key, params ?? {}); // objects, dates…: as i18next formats them
        out += c[i + 1] ?? '';
      }
      return out;
    };
    translators.set(locale, t);
  }
  return t;
}

/** Italian for `it`, `it-IT`, `it-CH`…, English otherwise (Teams sends `activity.locale`). */
export function localeFrom(tag: string | undefined | null): Locale {
  return tag && /^it(?:[-_]|$)/i.test(tag.trim()) ? 'it' : 'en';
}

/** Keys present in one catalog and missing in the other, for the completeness test. */
export function missingKeys(): { en: string[]; it: string[] } {
  const flat = (obj: object, prefix = ''): string[] =>
    Object.entries(obj).flatMap(([k, v]) =>
      v !== null && typeof v === 'object' ? flat(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
    );
  const enKeys = new Set(flat(en));
  const itKeys = new Set(flat(it));
  return { en: [...itKeys].filter((k) => !enKeys.has(k)), it: [...enKeys].filter((k) => !itKeys.has(k)) };
}
