import { locateJsonError } from '../../src/data/json-error-position';

describe('locateJsonError', () => {
  test.each([
    ['{"a": 1}', undefined],
    ['[\n  {"a": 1},\n  {"b": 2,}\n]', { line: 3, column: 11 }],
    ['[\n  {"a": 1}\n  {"b": 2}\n]', { line: 3, column: 3 }],
    ['{"a": "x\ny"}', { line: 1, column: 9 }],
    ['{"a": tru}', { line: 1, column: 7 }],
    ['{"a": 01}', { line: 1, column: 8 }],
    ['{"a": "\\q"}', { line: 1, column: 9 }],
    ['[1, 2', { line: 1, column: 6 }],
    ['{} {}', { line: 1, column: 4 }],
    ['', { line: 1, column: 1 }],
  ])('%j', (text, position) => {
    expect(locateJsonError(text)).toEqual(position);
    // it agrees with JSON.parse on what is valid
    expect(position === undefined).toBe(((): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    })());
  });
});
