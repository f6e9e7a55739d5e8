import type { KeyValueStorage, StoredItem } from './storage';
import { assertKey, newETag, StorageClosedError, toJson } from './stored-value';

interface Entry {
  json: string;
  eTag: string;
}

/** Process-local storage for tests and throwaway runs; lost on restart. */
export class MemoryStorage implements KeyValueStorage {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  read<T>(key: string): Promise<StoredItem<T> | undefined> {
    return this.run(() => {
      assertKey(key);
      const entry = this.entries.get(key);
      return entry && { value: JSON.parse(entry.json) as T, eTag: entry.eTag };
    });
  }

  write<T>(key: string, value: T, expectedETag?: string | null): Promise<StoredItem<T> | undefined> {
    return this.run(() => {
      assertKey(key);
      const json = toJson(key, value);
      // check and set happen in one synchronous step, so concurrent writers cannot interleave
      if (expectedETag !== undefined && (this.entries.get(key)?.eTag ?? null) !== expectedETag) return undefined;
      const eTag = newETag();
      this.entries.set(key, { json, eTag });
      return { value: JSON.parse(json) as T, eTag };
    });
  }

  delete(key: string): Promise<void> {
    return this.run(() => {
      assertKey(key);
      this.entries.delete(key);
    });
  }

  ping(): Promise<void> {
    return this.run(() => undefined);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private run<R>(op: () => R): Promise<R> {
    try {
      if (this.closed) throw new StorageClosedError(this.kind);
      return Promise.resolve(op());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
