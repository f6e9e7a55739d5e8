import { readFileSync } from 'node:fs';
import { readFileSync as read } from 'node:fs';
import path from 'node:path';
import { LOCALES } from '../../src/domain/vocabulary';
import { CORPUS, corpusUtterances } from '../../src/nlu/corpus/index';
import { INTENTS } from '../../src/nlu/nlu-result';
import { MODEL_FILE, readModelFile, sourceHash, trainModelFile, type ModelFile } from '../../src/nlu/model';
import { normalize } from '../../src/nlu/normalize';

describe('the committed model (src/nlu/model.json)', () => {
  const committed = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ModelFile;

  it('was trained from the current corpus and synonyms (else: npm run nlu:train)', () => {
    expect(committed.sourceHash).toBe(sourceHash());
    expect(readModelFile()).toBeDefined();
  });

  it('is exactly what training the current corpus gives (deterministic; else: npm run nlu:train)', () => {
    const trained = trainModelFile();
    expect(JSON.parse(JSON.stringify(trained))).toEqual(committed);
  });
});

describe('the corpus', () => {
  const utterances = corpusUtterances();

  it('has many phrasings of every intent in each language', () => {
    for (const intent of INTENTS) {
      for (const locale of LOCALES) {
        const count = utterances.filter((u) => u.intent === intent && u.locale === locale).length;
        expect({ intent, locale, count: count >= 40 }).toEqual({ intent, locale, count: true });
      }
    }
    expect(CORPUS.map((c) => c.intent).sort()).toEqual([...INTENTS].sort());
  });

  it('holds none of the labelled sentences it is measured on', () => {
    const corpus = new Set(utterances.map((u) => normalize(u.text)));
    for (const file of ['dev.jsonl', 'unseen.jsonl', 'unseen-2.jsonl', 'unseen-3.jsonl']) {
      const overlap = read(path.join(__dirname, 'fixtures', file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => (JSON.parse(line) as { text: string }).text)
        .filter((text) => corpus.has(normalize(text)));
      expect({ file, overlap }).toEqual({ file, overlap: [] });
    }
  });
});
