import type { FileHandle } from 'node:fs/promises';
import type { JournalEntry } from './journal-format';
import { writeAll, writeSnapshot } from './journal-files';

interface PendingLine {
  seq: number;
  text: string;
  done: () => void;
  fail: (e: Error) => void;
}

export interface JournalWriterOptions {
  dir: string;
  journal: FileHandle;
  journalBytes: number;
  snapshotBytes: number;
  compactAfterBytes: number;
  /** The whole map and the sequence number of its last change, taken synchronously. */
  capture: () => { seq: number; entries: [string, JournalEntry][] };
}

/**
 * Appends lines to journal.log in one queue. Lines that arrive while a write and fsync are under
 * way go together in the next one (group commit); each caller hears back once its own line is on
 * disk. After a write fails nothing more is accepted: memory may hold changes the disk does not,
 * and a restart rebuilds memory from the files.
 */
export class JournalWriter {
  private pending: PendingLine[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  private journalBytes: number;
  private snapshotBytes: number;

  constructor(private readonly o: JournalWriterOptions) {
    this.journalBytes = o.journalBytes;
    this.snapshotBytes = o.snapshotBytes;
  }

  /** Set once a write failed. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Resolves once the line is on disk (in the journal, or in a snapshot taken meanwhile). */
  append(seq: number, text: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const written = new Promise<void>((done, fail) => this.pending.push({ seq, text, done, fail }));
    this.flushing ??= this.flush();
    return written;
  }

  /** Waits until every accepted line is on disk (or failed), then closes the journal. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.o.journal.close();
  }

  private async flush(): Promise<void> {
    let batch: PendingLine[] = [];
    try {
      while (this.pending.length > 0) {
        batch = this.pending.splice(0);
        this.journalBytes += await writeAll(this.o.journal, batch.map((l) => l.text).join(''));
        await this.o.journal.datasync();
        for (const line of batch) line.done();
        // past the threshold, and past the snapshot's size so that rewriting it stays a fraction of the writes
        if (this.journalBytes > Math.max(this.o.compactAfterBytes, this.snapshotBytes)) await this.compact();
      }
    } catch (e) {
      const cause = e instanceof Error ? e : new Error(String(e));
      this.failure = new Error(`journal storage: writing to ${this.o.dir} failed (${cause.message}); restart to reload from its files`, { cause });
      for (const line of [...batch, ...this.pending.splice(0)]) line.fail(this.failure);
    } finally {
      this.flushing = undefined;
    }
  }

  /**
   * The map goes to snapshot.json (atomically), then the journal is emptied. A crash in between
   * leaves lines the snapshot already holds; loading skips them by sequence number.
   */
  private async compact(): Promise<void> {
    const { seq, entries } = this.o.capture();
    this.snapshotBytes = await writeSnapshot(this.o.dir, seq, entries);
    for (const line of this.pending.filter((l) => l.seq <= seq)) line.done();
    this.pending = this.pending.filter((l) => l.seq > seq);
    await this.o.journal.truncate(0);
    await this.o.journal.datasync();
    this.journalBytes = 0;
  }
}
