import { LRUCache } from 'lru-cache';
import { deepFreeze } from './frozen';

/**
 * Values that are a pure function of one data snapshot and a key, kept while that snapshot is
 * current. A refresh of the data, or a change made in chat, makes a new snapshot object: its
 * entries start empty, and the old ones go with the old snapshot (a WeakMap holds them).
 * Values are frozen, deeply: one is handed to every later caller with the same key, so no caller
 * may change what the next one sees.
 */
export class SnapshotMemo<V extends object> {
  private readonly perSnapshot = new WeakMap<object, LRUCache<string, V>>();

  /** Keys longer than `maxKeyLength` (a pasted page, a forged button) are computed, never kept. */
  constructor(
    private readonly maxPerSnapshot: number,
    private readonly maxKeyLength = 2048,
  ) {}

  get(snapshot: object, key: string, compute: () => V): V {
    if (key.length > this.maxKeyLength) return compute();
    let entries = this.perSnapshot.get(snapshot);
    if (!entries) this.perSnapshot.set(snapshot, (entries = new LRUCache<string, V>({ max: this.maxPerSnapshot })));
    const known = entries.get(key);
    if (known !== undefined) return known;
    const value = deepFreeze(compute());
    entries.set(key, value);
    return value;
  }
}
