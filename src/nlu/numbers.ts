// Numbers written in digits or in words, Italian and English ("novanta", "ventuno", "sixty",
// "twenty-one", "one hundred and twenty").

const MAX = 100_000;

// Maps, not objects: a word typed by a user may be "constructor" or "__proto__".
const table = (entries: Record<string, number>): ReadonlyMap<string, number> => new Map(Object.entries(entries));

const EN_SMALL = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
});
const EN_TENS = table({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});

const IT_SMALL = table({
  zero: 0, uno: 1, un: 1, una: 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8,
  nove: 9, dieci: 10, undici: 11, dodici: 12, tredici: 13, quattordici: 14, quindici: 15, sedici: 16,
  diciassette: 17, diciotto: 18, diciannove: 19,
});
// Full and elided forms: venti-tre, vent-uno, vent-otto.
const IT_TENS: readonly (readonly [string, number])[] = [
  ['venti', 20], ['vent', 20], ['trenta', 30], ['trent', 30], ['quaranta', 40], ['quarant', 40],
  ['cinquanta', 50], ['cinquant', 50], ['sessanta', 60], ['sessant', 60], ['settanta', 70],
  ['settant', 70], ['ottanta', 80], ['ottant', 80], ['novanta', 90], ['novant', 90],
];
const IT_UNITS = ['', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'];

/** An Italian number word (one word, as Italian writes them: "centoventi"), accents folded. */
export function italianNumber(word: string): number | undefined {
  if (word === '') return undefined;
  const small = IT_SMALL.get(word);
  if (small !== undefined) return small;
  if (word.startsWith('mille')) return word === 'mille' ? 1000 : add(1000, italianNumber(word.slice(5)));
  const cento = word.indexOf('cent');
  if (cento !== -1 && !word.startsWith('cinquant')) {
    const head = word.slice(0, cento);
    const multiplier = head === '' ? 1 : IT_UNITS.indexOf(head);
    if (multiplier > 0) {
      // cent-ottanta, cento-venti
      const rest = word.slice(cento + 4);
      if (rest === '' || rest === 'o') return multiplier * 100;
      return add(multiplier * 100, italianNumber(rest) ?? (rest.startsWith('o') ? italianNumber(rest.slice(1)) : undefined));
    }
  }
  for (const [prefix, value] of IT_TENS) {
    if (!word.startsWith(prefix)) continue;
    const rest = word.slice(prefix.length);
    if (rest === '') return prefix.length > 5 || prefix === 'venti' ? value : undefined;
    const unit = IT_UNITS.indexOf(rest);
    if (unit > 0) return value + unit;
  }
  return undefined;
}

function add(base: number, rest: number | undefined): number | undefined {
  return rest === undefined ? undefined : base + rest;
}

export interface NumberRead {
  value: number;
  /** Index of the first word after the number. */
  next: number;
}

/**
 * Reads a number starting at `words[i]`: digits, or number words in either language.
 * "a"/"un" alone are not read here (they are numbers only before a unit).
 */
export function readNumber(words: readonly string[], i: number): NumberRead | undefined {
  const word = words[i];
  if (word === undefined) return undefined;
  if (/^\d{1,6}$/.test(word)) {
    const value = Number(word);
    return value <= MAX ? { value, next: i + 1 } : undefined;
  }
  const english = readEnglish(words, i);
  if (english) return english;
  if (word === 'un' || word === 'una' || word === 'uno') return undefined;
  const italian = italianNumber(word);
  return italian === undefined ? undefined : { value: italian, next: i + 1 };
}

function readEnglish(words: readonly string[], start: number): NumberRead | undefined {
  let i = start;
  let total = 0;
  let read = false;
  const first = words[i];
  if ((first === 'a' || first === 'one') && words[i + 1] === 'hundred') {
    total = 100;
    i += 2;
    read = true;
  } else {
    const unit = first === undefined ? undefined : EN_SMALL.get(first);
    if (unit !== undefined && unit > 0 && words[i + 1] === 'hundred') {
      total = unit * 100;
      i += 2;
      read = true;
    }
  }
  if (read && words[i] === 'and' && isEnglishBelowHundred(words[i + 1])) i += 1;
  const below = readEnglishBelowHundred(words, i);
  if (below) return { value: total + below.value, next: below.next };
  return read ? { value: total, next: i } : undefined;
}

function isEnglishBelowHundred(word: string | undefined): boolean {
  return word !== undefined && (EN_SMALL.has(word) || EN_TENS.has(word));
}

function readEnglishBelowHundred(words: readonly string[], i: number): NumberRead | undefined {
  const word = words[i];
  if (word === undefined) return undefined;
  const small = EN_SMALL.get(word);
  if (small !== undefined) return { value: small, next: i + 1 };
  const tens = EN_TENS.get(word);
  if (tens === undefined) return undefined;
  const unit = EN_SMALL.get(words[i + 1] ?? '');
  return unit !== undefined && unit > 0 && unit < 10 ? { value: tens + unit, next: i + 2 } : { value: tens, next: i + 1 };
}

/** Every word that can be part of a written number: the vocabulary the spell checker must know. */
export const NUMBER_WORDS: readonly string[] = [
  ...EN_SMALL.keys(),
  ...EN_TENS.keys(),
  'hundred',
  ...IT_SMALL.keys(),
  ...IT_TENS.filter(([w]) => w.endsWith('a') || w === 'venti').map(([w]) => w),
  'cento',
  'mille',
];
