import i18next, { type i18n } from 'i18next';
import type { Locale } from '../domain/vocabulary';
import en from './locales/en.json';
import it from './locales/it.json';

export type Translate = (key: string, params?: Readonly<Record<string, unknown>>) => string;

// One synchronous instance with both catalogs bundled: no I/O at turn time.
const instance: i18n = i18next.createInstance();
void instance.init({
  resources: { en: { translation: en }, it: { translation: it } },
  lng: 'en',
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const fixed = instance.getFixedT(locale);
    t = (key, params) => fixed(key, params ?? {});
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
