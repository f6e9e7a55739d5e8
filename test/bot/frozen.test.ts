import fc from 'fast-check';
import { deepFreeze, toJsonBytes } from '../../src/bot/frozen';

const toJson = (value: unknown): string | undefined => toJsonBytes(value)?.toString('utf8');

// toJsonBytes stands in for JSON.stringify on every reply the bot sends: it must give the same text.

/** Data as replies hold it: JSON values, with undefined members, dates and the odd function among them. */
const { reply } = fc.letrec((tie) => ({
  reply: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
  leaf: fc.oneof(
    fc.jsonValue({ maxDepth: 0 }),
    fc.string({ unit: 'grapheme' }), // ⚠, “quotes”, emoji: more than one byte each
    fc.constant(undefined),
    fc.constant(() => 'a function'),
    fc.date({ noInvalidDate: true }),
    fc.constant({ toJSON: () => undefined }),
  ),
  array: fc.array(tie('reply'), { maxLength: 4 }),
  object: fc.dictionary(fc.string(), tie('reply'), { maxKeys: 4 }),
}));

/** Freezes some of the objects in `value`, as a kept answer's parts are inside a fresh reply. */
function freezeSome(value: unknown, pick: () => boolean): void {
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  if (pick()) {
    deepFreeze(value);
    return;
  }
  for (const inner of Object.values(value)) freezeSome(inner, pick);
}

describe('toJsonBytes', () => {
  it('gives JSON.stringify’s text, frozen parts or not, the first time and the next', () => {
    fc.assert(
      fc.property(reply, fc.infiniteStream(fc.boolean()), (value, picks) => {
        const expected = JSON.stringify(value);
        const it = picks[Symbol.iterator]();
        freezeSome(value, () => it.next().value as boolean);
        expect(toJson(value)).toBe(expected);
        expect(toJson(value)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('sends what a part holds now when it is not deeply frozen', () => {
    const inner = { values: [1, 2] };
    const shallow = Object.freeze({ inner });
    expect(toJson({ card: shallow })).toBe('{"card":{"inner":{"values":[1,2]}}}');
    inner.values.push(3);
    deepFreeze(shallow); // frozen before, by someone else: not vouched for
    expect(toJson({ card: shallow })).toBe('{"card":{"inner":{"values":[1,2,3]}}}');
  });
});

describe('deepFreeze', () => {
  it('freezes everything a value holds', () => {
    const card = deepFreeze({ body: [{ type: 'TextBlock', text: 'Proactive' }] });
    expect(() => {
      (card.body[0] as { text: string }).text = 'changed';
    }).toThrow(TypeError);
    expect(() => card.body.push({ type: 'TextBlock', text: 'more' })).toThrow(TypeError);
  });
});
