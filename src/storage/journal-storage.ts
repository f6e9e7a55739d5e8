import { access, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadJournal } from './journal-files';
import { deleteLine, setLine, type JournalEntry } from './journal-format';
import { acquireLock, releaseLock } from './journal-lock';
import { JournalWriter } from './journal-writer';
import type { KeyValueStorage, StoredItem } from './storage';
import { assertKey, newETag, StorageClosedError, toJson } from './stored-value';

export interface JournalStorageOptions {
  /** Journal size that triggers a compaction into snapshot.json (default 8 MiB). */
  compactAfterBytes?: number;
}

const DEFAULT_COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

interface Opened {
  writer: JournalWriter;
  lock: string;
}

/**
 * Embedded storage: the whole map in memory, every change appended to journal.log and fsynced
 * before its promise resolves, the journal compacted now and then into snapshot.json (temp file +
 * rename). Compare-and-set is decided in memory in one synchronous step, so it is exact within the
 * process; one process owns a folder (a lock file), several instances need the Redis backend.
 *
 * An answer never rests on a change that is not on disk yet: a read or a lost compare-and-set of a
 * key with a change in flight waits for that change's line.
 */
export class JournalStorage implements KeyValueStorage {
  readonly kind = 'file';
  readonly dir: string;
  private readonly compactAfterBytes: number;
  private entries = new Map<string, JournalEntry>();
  private seq = 0;
  /** Keys whose last change is not on disk yet, with the promise of its line. */
  private readonly unsynced = new Map<string, { seq: number; synced: Promise<void> }>();
  private opening: Promise<Opened> | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(dir: string, options: JournalStorageOptions = {}) {
    this.dir = path.resolve(dir);
    this.compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
    if (!(this.compactAfterBytes > 0)) throw new RangeError('journal storage: compactAfterBytes must be a positive number');
  }

  /** Loads the folder now rather than on the first operation (start-up errors surface early). */
  async open(): Promise<void> {
    this.assertOpen();
    await this.opened();
  }

  async read<T>(key: string): Promise<StoredItem<T> | undefined> {
    this.assertOpen();
    assertKey(key);
    await this.opened();
    const entry = this.entries.get(key);
    return this.whenSynced(key, entry && { value: JSON.parse(entry.json) as T, eTag: entry.eTag });
  }

  /**
   * Every item whose key starts with `prefix`, as one consistent picture (a queue loading its jobs
   * on open). Like read, it answers once the changes it saw are on disk.
   */
  async list<T>(prefix: string): Promise<[string, StoredItem<T>][]> {
    this.assertOpen();
    await this.opened();
    const found: [string, StoredItem<T>][] = [];
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix)) found.push([key, { value: JSON.parse(entry.json) as T, eTag: entry.eTag }]);
    }
    await Promise.all([...this.unsynced].filter(([key]) => key.startsWith(prefix)).map(([, change]) => change.synced));
    return found;
  }

  async write<T>(key: string, value: T, expectedETag?: string | null): Promise<StoredItem<T> | undefined> {
    this.assertOpen();
    assertKey(key);
    const json = toJson(key, value);
    const { writer } = await this.opened();
    // from here to the append, one synchronous step: concurrent compare-and-sets cannot interleave
    if (expectedETag !== undefined && (this.entries.get(key)?.eTag ?? null) !== expectedETag) return this.whenSynced(key, undefined);
    const entry = { json, eTag: newETag() };
    this.entries.set(key, entry);
    const seq = ++this.seq;
    await this.append(writer, key, seq, setLine(seq, key, entry));
    return { value: JSON.parse(json) as T, eTag: entry.eTag };
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    assertKey(key);
    const { writer } = await this.opened();
    if (!this.entries.delete(key)) return this.whenSynced(key, undefined);
    const seq = ++this.seq;
    await this.append(writer, key, seq, deleteLine(seq, key));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.opened();
    await access(this.dir, constants.R_OK | constants.W_OK);
  }

  /** Lets the writes accepted so far reach the disk, then releases the folder. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.release();
    return this.closing;
  }

  private async release(): Promise<void> {
    // queued behind the operations accepted before close, so they take their turn first
    const opened = await this.opening?.catch(() => undefined);
    if (!opened) return;
    await opened.writer.close();
    await releaseLock(opened.lock);
  }

  /**
   * Every operation awaits this same promise, so they take their turns in the order they were
   * called, also while the folder is still loading.
   */
  private opened(): Promise<Opened> {
    this.opening ??= this.load().catch((e: unknown) => {
      this.opening = undefined; // the next operation tries again (the folder may come back)
      throw e;
    });
    return this.opening.then((opened) => {
      if (opened.writer.failed) throw opened.writer.failed;
      return opened;
    });
  }

  private async load(): Promise<Opened> {
    await mkdir(this.dir, { recursive: true });
    const lock = await acquireLock(this.dir);
    try {
      const loaded = await loadJournal(this.dir);
      this.entries = loaded.entries;
      this.seq = loaded.seq;
      const writer = new JournalWriter({
        dir: this.dir,
        journal: loaded.journal,
        journalBytes: loaded.journalBytes,
        snapshotBytes: loaded.snapshotBytes,
        compactAfterBytes: this.compactAfterBytes,
        capture: () => ({ seq: this.seq, entries: [...this.entries] }),
      });
      return { writer, lock };
    } catch (e) {
      await releaseLock(lock);
      throw e;
    }
  }

  private append(writer: JournalWriter, key: string, seq: number, line: string): Promise<void> {
    const synced = writer.append(seq, line);
    this.unsynced.set(key, { seq, synced });
    const forget = (): void => {
      if (this.unsynced.get(key)?.seq === seq) this.unsynced.delete(key);
    };
    synced.then(forget, forget);
    return synced;
  }

  private whenSynced<R>(key: string, result: R): R | Promise<R> {
    const pending = this.unsynced.get(key);
    return pending ? pending.synced.then(() => result) : result;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError(this.kind);
  }
}
