// State behind a handful of methods; embedded (memory, file) and Redis backends implement them,
// and one conformance suite (test/storage) runs against each.

export interface StoredItem<T> {
  value: T;
  /** Opaque version; changes on every write. */
  eTag: string;
}

export interface KeyValueStorage {
  readonly kind: string;
  read<T>(key: string): Promise<StoredItem<T> | undefined>;
  /**
   * Writes `value`. With `expectedETag` the write happens only if the stored item still has that
   * eTag (`null`: only if absent) and returns undefined when it does not (someone else wrote first).
   */
  write<T>(key: string, value: T, expectedETag?: string | null): Promise<StoredItem<T> | undefined>;
  delete(key: string): Promise<void>;
  /** Health probe for /readyz: resolves when the backend answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
