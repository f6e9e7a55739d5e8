import fc from 'fast-check';
import { understand } from '../../src/nlu/recognize';
import { answerLineSchema } from '../../src/nlu/result-schema';

const today = '2026-11-22';
const answerLine = (text: string) => {
  const r = understand(text, { today });
  return { text: r.text, locale: r.locale, intent: r.intent, entities: r.entities };
};

const domainWords = fc.constantFrom(
  'crediti', 'workshop', 'scadenze', 'expiring', 'contratto', '4100-22', 'dal', 'al', 'since', 'March', 'novanta', 'giorni',
  'x@y.com', 'grant', 'Finance', 'area', 'tutte', 'all', 'Q3', 'last', 'month', '60gg', 'un', 'anno', 'e', ',', '?', 'P90D',
);

describe('any input gets a valid answer', () => {
  it('words that are names of object members', () => {
    for (const text of ['how many credits are left constructor', 'scadenze constructor giorni', 'expiring __proto__ days', 'toString valueOf hasOwnProperty']) {
      const line = answerLine(text);
      expect(answerLineSchema.safeParse(line).success).toBe(true);
    }
    expect(understand('how many credits are left constructor', { today }).confidence).not.toBeNaN();
  });

  it('arbitrary unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => answerLineSchema.safeParse(answerLine(text)).success), {
      numRuns: 300,
      seed: 42,
    });
  });

  it('arbitrary UTF-16, lone surrogates and control characters included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => answerLineSchema.safeParse(answerLine(text)).success), {
      numRuns: 300,
      seed: 7,
    });
  });

  it('word salads of the domain', () => {
    fc.assert(
      fc.property(fc.array(domainWords, { maxLength: 40 }), (words) => answerLineSchema.safeParse(answerLine(words.join(' '))).success),
      { numRuns: 300, seed: 11 },
    );
  });
});
