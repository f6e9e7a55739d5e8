// Typo tolerance for single words: a word the recognizer does not know is replaced by the known
// word it most likely stands for, when one is within one edit (two letters left out of a long word).
// Doubled letters are ignored first, the commonest slip in Italian ("pacheti", "proatiivi", "contrati").

const MIN_LENGTH = 4;
// A changed letter turns short words into other words ("casa" → "caso"): only from six letters.
const SUBSTITUTION_FROM = 6;
// Longer words may carry two slips: two letters left out of a word of eight or more.
const TWO_EDITS_FROM = 8;

const collapse = (word: string): string => word.replace(/(.)\1+/g, '$1');

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export class SpellChecker {
  private readonly known = new Set<string>();
  private readonly byCollapsed = new Map<string, string>();
  private readonly byDeletion = new Map<string, string>();
  private readonly byDoubleDeletion = new Map<string, string>();

  /** `words`: the vocabulary with how often each word occurs (the commoner wins a tie). */
  constructor(words: ReadonlyMap<string, number>) {
    const ordered = [...words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [word] of ordered) {
      this.known.add(word);
      if (word.length < MIN_LENGTH || !/^\p{L}+$/u.test(word)) continue;
      const c = collapse(word);
      setFirst(this.byCollapsed, c, word);
      for (const d of deletions(c)) {
        setFirst(this.byDeletion, d, word);
        if (c.length >= TWO_EDITS_FROM) for (const dd of deletions(d)) setFirst(this.byDoubleDeletion, dd, word);
      }
    }
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The known word closest to `word`, or `word` itself. */
  correct(word: string): string {
    if (this.known.has(word) || word.length < MIN_LENGTH || word.length > 30 || !/^\p{L}+$/u.test(word)) return word;
    const c = collapse(word);
    const sameStart = (hit: string | undefined): hit is string => hit !== undefined && hit[0] === c[0];
    const doubled = this.byCollapsed.get(c);
    if (doubled) return doubled;
    const missing = this.byDeletion.get(c); // a letter left out
    if (sameStart(missing)) return missing;
    for (const d of deletions(c)) {
      const extra = this.byCollapsed.get(d); // a letter too many
      if (sameStart(extra)) return extra;
    }
    if (c.length >= SUBSTITUTION_FROM) {
      for (const d of deletions(c)) {
        const changed = this.byDeletion.get(d); // a letter changed, or two swapped
        if (sameStart(changed) && collapse(changed).length === c.length) return changed;
      }
    }
    if (c.length >= TWO_EDITS_FROM - 1) {
      const twoMissing = this.byDoubleDeletion.get(c);
      if (sameStart(twoMissing)) return twoMissing;
    }
    return word;
  }
}

function setFirst(map: Map<string, string>, key: string, word: string): void {
  if (!map.has(key)) map.set(key, word);
}

