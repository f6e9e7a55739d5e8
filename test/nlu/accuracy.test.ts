import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCALES } from '../../src/domain/vocabulary';
import { evaluate, labelledLine, share, type Labelled } from '../../src/nlu/evaluate';
import { recognize } from '../../src/nlu/recognize';

// The labelled sets: dev.jsonl is the team's fixture (a copy of shared/nlu/dev.jsonl); unseen*.jsonl
// were written apart from the corpus, in other words, to watch generalisation.
const TODAY = '2026-11-22';

function load(file: string): Labelled[] {
  return readFileSync(path.join(__dirname, 'fixtures', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => labelledLine.parse(JSON.parse(line)));
}

describe.each([
  ['dev.jsonl', 0.97, 0.93],
  ['unseen.jsonl', 0.9, 0.9],
  ['unseen-2.jsonl', 0.9, 0.9],
  ['unseen-3.jsonl', 0.9, 0.9],
])('%s', (file, minIntent, minEntities) => {
  const evaluation = evaluate(load(file), (e) => recognize(e.text, { today: TODAY }));

  it.each(LOCALES)(`intent ≥ ${minIntent * 100}% and entities ≥ ${minEntities * 100}% in %s`, (locale) => {
    const score = evaluation.byLocale[locale];
    expect(score.total).toBeGreaterThan(0);
    const misses = evaluation.misses.filter((m) => m.locale === locale);
    expect({ intent: share(score.intent, score.total) >= minIntent, misses }).toMatchObject({ intent: true });
    expect({ entities: share(score.entities, score.total) >= minEntities, misses }).toMatchObject({ entities: true });
  });

  it('detects the language of the text without the client locale', () => {
    for (const locale of LOCALES) {
      const score = evaluation.byLocale[locale];
      expect(share(score.locale, score.total)).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('the eval of a client locale', () => {
  it('scores the fixture as well when the client tells the locale', () => {
    const evaluation = evaluate(load('dev.jsonl'), (e) => recognize(e.text, { today: TODAY, locale: e.locale }));
    for (const locale of LOCALES) {
      const score = evaluation.byLocale[locale];
      expect(share(score.intent, score.total)).toBeGreaterThanOrEqual(0.97);
      expect(share(score.entities, score.total)).toBeGreaterThanOrEqual(0.93);
    }
  });
});
