// JSON.parse says what went wrong but, in Node 20, not where. A person fixing a hand-edited file
// needs the line, so on failure (only then) this scanner finds the first offending character.

export interface TextPosition {
  line: number;
  column: number;
}

/** 1-based line and column of the first JSON syntax error in `text`; undefined when it parses. */
export function locateJsonError(text: string): TextPosition | undefined {
  let offset: number | undefined;
  try {
    offset = firstErrorOffset(text);
  } catch {
    return undefined; // absurdly deep nesting: no position, the parser's message still stands
  }
  if (offset === undefined) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

function firstErrorOffset(s: string): number | undefined {
  let i = 0;
  const skipSpace = (): void => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
      i += 1;
    }
  };
  const sticky = (re: RegExp): boolean => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const string = (): boolean => {
    if (s[i] !== '"') return false;
    i += 1;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        i += 1;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        i += 1;
        const e = s[i];
        if (e === 'u') {
          i += 1;
          if (!sticky(HEX4)) return false;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
      }
      i += 1;
    }
    return false;
  };
  const literal = (word: string): boolean => {
    if (!s.startsWith(word, i)) return false;
    i += word.length;
    return true;
  };
  const container = (close: string, member: () => boolean): boolean => {
    i += 1;
    skipSpace();
    if (s[i] === close) {
      i += 1;
      return true;
    }
    for (;;) {
      if (!member()) return false;
      skipSpace();
      if (s[i] === ',') {
        i += 1;
        continue;
      }
      if (s[i] !== close) return false;
      i += 1;
      return true;
    }
  };
  const value = (): boolean => {
    skipSpace();
    switch (s[i]) {
      case '{':
        return container('}', () => {
          skipSpace();
          if (!string()) return false;
          skipSpace();
          if (s[i] !== ':') return false;
          i += 1;
          return value();
        });
      case '[':
        return container(']', value);
      case '"':
        return string();
      case 't':
        return literal('true');
      case 'f':
        return literal('false');
      case 'n':
        return literal('null');
      default:
        return sticky(NUMBER);
    }
  };
  if (value()) {
    skipSpace();
    if (i === s.length) return undefined;
  }
  return i;
}
