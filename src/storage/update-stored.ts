import type { KeyValueStorage } from './storage';

/**
 * Read-modify-write of one key by compare-and-set, tried again while someone else writes first,
 * so that no concurrent update is lost. `change` gets the stored value (undefined when absent) and
 * returns the new one, or undefined to leave the item as it is. Resolves with what is stored then.
 */
export async function updateStored<T>(
  storage: KeyValueStorage,
  key: string,
  change: (current: T | undefined) => T | undefined,
  attempts = 50,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const current = await storage.read<T>(key);
    const next = change(current?.value);
    if (next === undefined) return current?.value;
    if (await storage.write(key, next, current?.eTag ?? null)) return next;
  }
  throw new Error(`${key}: too many concurrent updates`);
}
