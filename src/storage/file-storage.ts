import { createHash, randomUUID } from 'node:crypto';
import { access, constants, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { KeyValueStorage, StoredItem } from './storage';
import { assertKey, newETag, StorageClosedError, toJson } from './stored-value';

interface FileEntry {
  key: string;
  eTag: string;
  value: unknown;
}

const isFileEntry = (v: unknown): v is FileEntry =>
  typeof v === 'object' && v !== null && 'key' in v && typeof v.key === 'string' && 'eTag' in v && typeof v.eTag === 'string' && 'value' in v;

const isNotFound = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * Embedded storage: one JSON file per key in one folder, written atomically (temp file + rename),
 * so a crash leaves either the old or the new value. Compare-and-set is serialized per key within
 * this process; one process owns a folder (several instances need the Redis backend).
 */
export class FileStorage implements KeyValueStorage {
  readonly kind = 'file';
  readonly dir: string;
  private readonly queues = new Map<string, Promise<void>>();
  private closed = false;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  async read<T>(key: string): Promise<StoredItem<T> | undefined> {
    this.assertOpen();
    assertKey(key);
    const entry = await this.readEntry(key);
    return entry && { value: entry.value as T, eTag: entry.eTag };
  }

  async write<T>(key: string, value: T, expectedETag?: string | null): Promise<StoredItem<T> | undefined> {
    this.assertOpen();
    assertKey(key);
    const json = toJson(key, value);
    return this.serialized(key, async () => {
      if (expectedETag !== undefined) {
        const current = await this.readEntry(key);
        if ((current?.eTag ?? null) !== expectedETag) return undefined;
      }
      const eTag = newETag();
      await this.writeAtomically(this.fileOf(key), `{"key":${JSON.stringify(key)},"eTag":"${eTag}","value":${json}}`);
      return { value: JSON.parse(json) as T, eTag };
    });
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    assertKey(key);
    await this.serialized(key, () => rm(this.fileOf(key), { force: true }));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.ensureDir();
    await access(this.dir, constants.R_OK | constants.W_OK);
  }

  async close(): Promise<void> {
    this.closed = true;
    // let writes already accepted land on disk before the process exits
    await Promise.all(this.queues.values());
  }

  // A hash keeps any key (slashes, "..", case, length) a safe, distinct file name on every file system.
  private fileOf(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  private async readEntry(key: string): Promise<FileEntry | undefined> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!isFileEntry(parsed) || parsed.key !== key) {
      throw new Error(`file storage: ${file} (key "${key}") is not a valid state file; fix or remove it`);
    }
    return parsed;
  }

  private async writeAtomically(file: string, text: string): Promise<void> {
    await this.ensureDir();
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  // Not cached: a folder removed or remounted at run time comes back on the next write or ping.
  private async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  private serialized<R>(key: string, op: () => Promise<R>): Promise<R> {
    const result = (this.queues.get(key) ?? Promise.resolve()).then(op);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return result;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError(this.kind);
  }
}
