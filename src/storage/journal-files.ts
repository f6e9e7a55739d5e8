import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { parseJournal, parseSnapshot, snapshotText, type JournalEntry } from './journal-format';

export const JOURNAL_FILE = 'journal.log';
export const SNAPSHOT_FILE = 'snapshot.json';

/** What a journal folder held when it was opened, with its journal ready for appending. */
export interface LoadedJournal {
  entries: Map<string, JournalEntry>;
  /** Sequence number of the last change loaded. */
  seq: number;
  journal: FileHandle;
  journalBytes: number;
  snapshotBytes: number;
}

const isNotFound = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** Makes a rename or a new file in `dir` survive a power cut (POSIX; Windows cannot open folders). */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeAll(handle: FileHandle, text: string): Promise<number> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
  return bytes.length;
}

/**
 * Loads snapshot.json, then replays the journal lines it does not include. A torn last line is cut
 * off the file, so that new lines follow the last good one.
 */
export async function loadJournal(dir: string): Promise<LoadedJournal> {
  const snapshotFile = path.join(dir, SNAPSHOT_FILE);
  const journalFile = path.join(dir, JOURNAL_FILE);
  await rm(`${snapshotFile}.tmp`, { force: true }); // a compaction cut short; the journal still holds its lines
  const snapshotBytes = await readIfPresent(snapshotFile);
  const { entries, seq: snapshotSeq } = snapshotBytes
    ? parseSnapshot(snapshotBytes.toString('utf8'), snapshotFile)
    : { entries: new Map<string, JournalEntry>(), seq: 0 };
  const journalBytes = await readIfPresent(journalFile);
  const { records, goodBytes } = journalBytes ? parseJournal(journalBytes, journalFile) : { records: [], goodBytes: 0 };
  const first = records[0];
  if (first && first.seq > snapshotSeq + 1) {
    throw new Error(`journal storage: ${journalFile} starts at sequence ${first.seq} but ${snapshotFile} ends at ${snapshotSeq}; changes are missing`);
  }
  let seq = snapshotSeq;
  for (const record of records) {
    if (record.seq <= snapshotSeq) continue; // already in the snapshot: compaction stopped before emptying the journal
    if ('entry' in record) entries.set(record.key, record.entry);
    else entries.delete(record.key);
    seq = record.seq;
  }
  const journal = await open(journalFile, 'a');
  try {
    if (!journalBytes) await syncDir(dir);
    if (journalBytes && goodBytes < journalBytes.length) {
      await journal.truncate(goodBytes);
      await journal.datasync();
    }
  } catch (e) {
    await journal.close();
    throw e;
  }
  return { entries, seq, journal, journalBytes: goodBytes, snapshotBytes: snapshotBytes?.length ?? 0 };
}

/** Replaces snapshot.json atomically (temp file, fsync, rename, fsync of the folder); returns its size. */
export async function writeSnapshot(dir: string, seq: number, entries: Iterable<[string, JournalEntry]>): Promise<number> {
  const file = path.join(dir, SNAPSHOT_FILE);
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  let bytes = 0;
  try {
    let chunk = '';
    for (const piece of snapshotText(seq, entries)) {
      chunk += piece;
      if (chunk.length >= 1 << 20) {
        bytes += await writeAll(handle, chunk);
        chunk = '';
      }
    }
    bytes += await writeAll(handle, chunk);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncDir(dir);
  return bytes;
}
