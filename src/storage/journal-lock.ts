import { randomUUID } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

// One process owns a journal folder: its memory is the truth, so a second writer would lose
// changes. The lock file holds the owner's pid; a lock whose process is gone (kill -9, power cut)
// is taken over.

const LOCK_FILE = 'lock';

export class FolderInUseError extends Error {
  constructor(dir: string, lock: string, pid: number) {
    super(
      `journal storage: ${dir} is in use by process ${pid} (lock file ${lock}); one process owns a folder, ` +
        `several instances need STORAGE=redis. If process ${pid} does not use this folder, remove the lock file.`,
    );
    this.name = 'FolderInUseError';
  }
}

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM'; // alive, owned by another user
  }
}

/** The pid in a lock file; undefined when unreadable (cut short by a power cut), 'gone' when absent. */
async function holderOf(file: string): Promise<number | undefined | 'gone'> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return 'gone';
    throw e;
  }
}

/** Takes the folder's lock or fails with FolderInUseError; returns the lock file's path. */
export async function acquireLock(dir: string): Promise<string> {
  const lock = path.join(dir, LOCK_FILE);
  // written in full, then linked into place: link fails if the lock exists (like O_EXCL), and
  // nobody ever sees a lock file without its pid
  const mine = `${lock}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(mine, `${process.pid}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await link(mine, lock);
        return lock;
      } catch (e) {
        if (codeOf(e) !== 'EEXIST') throw e;
      }
      const holder = await holderOf(lock);
      if (typeof holder === 'number' && isAlive(holder)) throw new FolderInUseError(dir, lock, holder);
      if (holder !== 'gone') await removeStale(dir, lock);
    }
    throw new Error(`journal storage: could not take ${lock}; other processes keep taking it`);
  } finally {
    await rm(mine, { force: true });
  }
}

/**
 * Moves the stale lock aside before deleting it, so that of several processes taking it over at
 * once only one deletes it; one that moved a live lock instead (taken over meanwhile) puts it back.
 */
async function removeStale(dir: string, lock: string): Promise<void> {
  const aside = `${lock}.${process.pid}.${randomUUID()}.stale`;
  try {
    await rename(lock, aside);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw e;
  }
  try {
    const holder = await holderOf(aside);
    if (typeof holder === 'number' && isAlive(holder)) {
      await link(aside, lock).catch(() => undefined);
      throw new FolderInUseError(dir, lock, holder);
    }
  } finally {
    await rm(aside, { force: true });
  }
}

export async function releaseLock(lock: string): Promise<void> {
  await rm(lock, { force: true });
}
