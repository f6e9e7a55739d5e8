import i18next from 'i18next';
import en from '../../src/i18n/locales/en.json';
import itCatalog from '../../src/i18n/locales/it.json';
import { CATALOG_OPTIONS, translator } from '../../src/i18n/translate';

// The translator fills most texts from precompiled parts instead of asking i18next each time (the
// hot path of every card): for every key of both catalogs it must say exactly what i18next says.

// plain i18next, set up as the translator's own instance
const reference = i18next.createInstance();
void reference.init(CATALOG_OPTIONS);

function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (text: string): string[] => [...text.matchAll(/{{\s*([A-Za-z0-9_]+)[^}]*}}/g)].map((m) => m[1] ?? '');

describe.each(['en', 'it'] as const)('translator (%s)', (locale) => {
  const catalog = locale === 'en' ? en : itCatalog;
  const keys = keysOf(catalog).map((k) => k.replace(/_(one|other|zero|many|few|two)$/, ''));
  const fixed = reference.getFixedT(locale);
  const t = translator(locale);

  it.each([...new Set(keys)])('%s says what i18next says', (key) => {
    const raw = reference.getResource(locale, 'translation', key) as unknown;
    const names = typeof raw === 'string' ? placeholders(raw) : [];
    const filled = Object.fromEntries(names.map((n, i) => [n, i % 2 === 0 ? `value ${n}` : i * 1.5]));
    const half = Object.fromEntries(names.slice(0, 1).map((n) => [n, 'only one']));
    expect(t(key, filled)).toBe(fixed(key, filled));
    expect(t(key, half)).toBe(fixed(key, half));
    expect(t(key)).toBe(fixed(key, {}));
    expect(t(key, { ...filled, count: 2 })).toBe(fixed(key, { ...filled, count: 2 }));
  });
});

describe('counts of one', () => {
  it.each([
    ['en', 'answers.expiring.days', '1 day left', '3 days left'],
    ['it', 'answers.expiring.days', 'manca 1 giorno', 'mancano 3 giorni'],
    ['en', 'contracts.active', 'active, 1 day left', 'active, 3 days left'],
    ['it', 'answers.contracts.active', 'manca 1 giorno', 'mancano 3 giorni'],
  ] as const)('%s %s reads "%s" for one, "%s" for three', (locale, key, one, three) => {
    const t = translator(locale);
    expect(t(key, { count: 1 })).toBe(one);
    expect(t(key, { count: 3 })).toBe(three);
  });
});
