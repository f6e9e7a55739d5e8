import { MemoryStorage } from '../storage/memory-storage';
import type { KeyValueStorage, StoredItem } from '../storage/storage';

export type StorageSnapshot = ReadonlyMap<string, unknown>;

/**
 * The bot's storage in a catalogue run, able to go back to an earlier state: a click may change
 * the conversation (a workspace switch, a role request), and the next question must be asked as
 * if nobody had clicked, or the catalogue would depend on the order of the buttons.
 */
export class RestorableStorage implements KeyValueStorage {
  readonly kind = 'memory';
  private readonly inner = new MemoryStorage();
  private readonly keys = new Set<string>();

  read<T>(key: string): Promise<StoredItem<T> | undefined> {
    return this.inner.read<T>(key);
  }

  write<T>(key: string, value: T, expectedETag?: string | null): Promise<StoredItem<T> | undefined> {
    this.keys.add(key);
    return this.inner.write(key, value, expectedETag);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  async snapshot(): Promise<StorageSnapshot> {
    const saved = new Map<string, unknown>();
    for (const key of this.keys) {
      const item = await this.inner.read(key);
      if (item) saved.set(key, item.value);
    }
    return saved;
  }

  async restore(saved: StorageSnapshot): Promise<void> {
    for (const key of this.keys) {
      if (saved.has(key)) await this.inner.write(key, saved.get(key));
      else await this.inner.delete(key);
    }
  }
}
