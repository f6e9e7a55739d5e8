import { z } from 'zod';
import { LOCALES, type Locale } from '../domain/vocabulary';
import { ENTITY_KEYS, INTENTS, type Entities, type NluResult } from './nlu-result';

// Scoring a labelled set (the `nlu` output format): intent accuracy, entity exact match (the whole
// entities object equal), locale accuracy, per language, and which intents are confused.

export const labelledLine = z.object({
  text: z.string(),
  locale: z.enum(LOCALES),
  intent: z.enum(INTENTS),
  entities: z.record(z.string(), z.unknown()).default({}),
});
export type Labelled = z.infer<typeof labelledLine>;

export interface LanguageScore {
  total: number;
  intent: number;
  entities: number;
  locale: number;
}

export interface Miss {
  text: string;
  locale: Locale;
  expected: { intent: string; entities: Record<string, unknown> };
  got: { intent: string; entities: Entities; locale: Locale };
}

export interface Evaluation {
  byLocale: Record<Locale, LanguageScore>;
  /** "expected → got" with how often. */
  confusions: { expected: string; got: string; count: number }[];
  misses: Miss[];
}

const canonical = (entities: Record<string, unknown>): string =>
  JSON.stringify(
    Object.keys(entities)
      .filter((k) => (ENTITY_KEYS as readonly string[]).includes(k) && entities[k] !== undefined)
      .sort()
      .map((k) => [k, entities[k]]),
  );

export function sameEntities(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return canonical(a) === canonical(b);
}

export function evaluate(examples: readonly Labelled[], run: (example: Labelled) => NluResult): Evaluation {
  const empty = (): LanguageScore => ({ total: 0, intent: 0, entities: 0, locale: 0 });
  const byLocale: Record<Locale, LanguageScore> = { it: empty(), en: empty() };
  const confusions = new Map<string, number>();
  const misses: Miss[] = [];
  for (const example of examples) {
    const result = run(example);
    const score = byLocale[example.locale];
    score.total += 1;
    const intentOk = result.intent === example.intent;
    const entitiesOk = sameEntities(result.entities as Record<string, unknown>, example.entities);
    if (intentOk) score.intent += 1;
    else confusions.set(`${example.intent}\u0000${result.intent}`, (confusions.get(`${example.intent}\u0000${result.intent}`) ?? 0) + 1);
    if (entitiesOk) score.entities += 1;
    if (result.locale === example.locale) score.locale += 1;
    if (!intentOk || !entitiesOk) {
      misses.push({
        text: example.text,
        locale: example.locale,
        expected: { intent: example.intent, entities: example.entities },
        got: { intent: result.intent, entities: result.entities, locale: result.locale },
      });
    }
  }
  return {
    byLocale,
    confusions: [...confusions]
      .map(([key, count]) => {
        const [expected = '', got = ''] = key.split('\u0000');
        return { expected, got, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    misses,
  };
}

export const share = (part: number, total: number): number => (total === 0 ? 1 : part / total);
