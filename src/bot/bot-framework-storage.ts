import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { KeyValueStorage } from '../storage/storage';

// botbuilder's Storage (what ConversationState, UserState and dialogs persist through) over our
// KeyValueStorage, so that Bot Framework state lives in the same backend as everything else:
// memory, the journal in STATE_DIR, or Redis (single or cluster) shared by every instance.
//
// eTags as botbuilder's storages have them: a read item carries `eTag`; a write with `eTag` '*',
// '' or none overwrites, and one with any other eTag is a compare-and-set that throws
// ETagConflictError when the stored item has changed since (or was deleted meanwhile), so of
// several writers holding the same eTag exactly one wins.
// Note: BotState.saveChanges (botbuilder 4.23) sets eTag '*' before writing, so ConversationState
// and UserState themselves always overwrite; the conditional writes serve code that keeps the eTag.

const DEFAULT_PREFIX = 'botframework:';

/** A write refused because the item changed since its eTag was read. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export interface BotFrameworkStorageOptions {
  /** Put before every botbuilder key, apart from the bot's own keys (default 'botframework:'). */
  keyPrefix?: string;
}

export class BotFrameworkStorage implements Storage {
  private readonly keyPrefix: string;

  constructor(
    private readonly storage: KeyValueStorage,
    options: BotFrameworkStorageOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_PREFIX;
  }

  /** The items that exist, each with its eTag; absent keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const found = await Promise.all(keys.map((key) => this.storage.read<Record<string, unknown>>(this.keyOf(key))));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const item = found[i];
      if (item) items[key] = { ...item.value, eTag: item.eTag };
    });
    return items;
  }

  /**
   * Writes every item (not as one transaction, as with botbuilder's own storages); rejects with the
   * first failure, an ETagConflictError for a stale eTag, once all writes are settled.
   */
  async write(changes: StoreItems): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    const outcomes = await Promise.allSettled(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(keys.map((key) => this.storage.delete(this.keyOf(key))));
  }

  private async writeOne(key: string, item: unknown): Promise<void> {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new TypeError(`Storage: the item for "${key}" must be an object`);
    }
    const { eTag, ...value } = item as StoreItem;
    const expected = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined;
    if ((await this.storage.write(this.keyOf(key), value, expected)) === undefined) throw new ETagConflictError(key);
  }

  private keyOf(key: string): string {
    return this.keyPrefix + key;
  }
}
