// Longest-match lookup of multi-word phrases over a sequence of keys (words or stems).

interface Node<T> {
  next: Map<string, Node<T>>;
  value?: T;
}

export interface PhraseMatch<T> {
  value: T;
  length: number;
}

export class PhraseMatcher<T> {
  private readonly root: Node<T> = { next: new Map() };

  /** The first value added for a phrase wins: earlier tables take precedence. */
  add(keys: readonly string[], value: T): void {
    if (keys.length === 0) return;
    let node = this.root;
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map() };
        node.next.set(key, child);
      }
      node = child;
    }
    node.value ??= value;
  }

  /** The longest phrase starting at `keys[i]`; empty keys never match (they stand for masked words). */
  match(keys: readonly string[], i: number): PhraseMatch<T> | undefined {
    let node: Node<T> | undefined = this.root;
    let best: PhraseMatch<T> | undefined;
    for (let j = i; j < keys.length && node; j += 1) {
      const key = keys[j];
      if (!key) break;
      node = node.next.get(key);
      if (node?.value !== undefined) best = { value: node.value, length: j - i + 1 };
    }
    return best;
  }
}
