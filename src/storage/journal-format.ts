// The text of a journal folder: journal.log holds one JSON line per change, each with a sequence
// number one above the line before; snapshot.json holds the whole map as of one sequence number.
// JSON.stringify never emits a raw newline, so a newline always ends a line.

/** A stored value as the journal keeps it in memory: its JSON text and its eTag. */
export interface JournalEntry {
  json: string;
  eTag: string;
}

export type JournalRecord = { seq: number; key: string } & ({ entry: JournalEntry } | { deleted: true });

export interface ParsedJournal {
  records: JournalRecord[];
  /** Length of the good part; shorter than the file when its last line was torn by a crash. */
  goodBytes: number;
}

export interface Snapshot {
  seq: number;
  entries: Map<string, JournalEntry>;
}

export const setLine = (seq: number, key: string, entry: JournalEntry): string =>
  `{"seq":${seq},${entryFields(key, entry)}}\n`;

export const deleteLine = (seq: number, key: string): string => `{"seq":${seq},"key":${JSON.stringify(key)},"deleted":true}\n`;

const entryFields = (key: string, entry: JournalEntry): string =>
  `"key":${JSON.stringify(key)},"eTag":${JSON.stringify(entry.eTag)},"value":${entry.json}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isKey = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toEntry(o: Record<string, unknown>): JournalEntry | undefined {
  return typeof o.eTag === 'string' && 'value' in o ? { json: JSON.stringify(o.value), eTag: o.eTag } : undefined;
}

function toKeyedEntry(item: unknown): [string, JournalEntry] | undefined {
  if (!isObject(item) || !isKey(item.key)) return undefined;
  const entry = toEntry(item);
  return entry && [item.key, entry];
}

function toRecord(line: string): JournalRecord | undefined {
  const o = parseJson(line);
  if (!isObject(o) || !isSeq(o.seq) || o.seq === 0 || !isKey(o.key)) return undefined;
  if (o.deleted === true) return { seq: o.seq, key: o.key, deleted: true };
  const entry = toEntry(o);
  return entry && { seq: o.seq, key: o.key, entry };
}

/**
 * Reads journal.log. Only the last line may be bad (a write cut short by a crash, never
 * acknowledged): it is left out. A bad or out-of-sequence line before it is damage, reported with
 * its line number rather than dropped.
 */
export function parseJournal(bytes: Buffer, file: string): ParsedJournal {
  const records: JournalRecord[] = [];
  let start = 0;
  for (let lineNo = 1; start < bytes.length; lineNo++) {
    const end = bytes.indexOf(0x0a, start);
    const record = end === -1 ? undefined : toRecord(bytes.toString('utf8', start, end));
    if (!record) {
      if (end === -1 || end === bytes.length - 1) break;
      throw new Error(`journal storage: ${file} line ${lineNo} is not a valid journal entry; the file is damaged, nothing was loaded`);
    }
    const previous = records.at(-1);
    if (previous && record.seq !== previous.seq + 1) {
      throw new Error(`journal storage: ${file} line ${lineNo} has sequence ${record.seq} after ${previous.seq}; lines are missing or out of order`);
    }
    records.push(record);
    start = end + 1;
  }
  return { records, goodBytes: start };
}

/** snapshot.json, in pieces so that a large map is never one string. */
export function* snapshotText(seq: number, entries: Iterable<[string, JournalEntry]>): Generator<string> {
  yield `{"seq":${seq},"entries":[`;
  let separator = '\n';
  for (const [key, entry] of entries) {
    yield `${separator}{${entryFields(key, entry)}}`;
    separator = ',\n';
  }
  yield '\n]}\n';
}

export function parseSnapshot(text: string, file: string): Snapshot {
  const o = parseJson(text);
  const bad = (why: string): Error => new Error(`journal storage: ${file} is not a valid snapshot (${why}); the file is damaged`);
  if (!isObject(o) || !isSeq(o.seq) || !Array.isArray(o.entries)) throw bad('expected {"seq": n, "entries": [...]}');
  const entries = new Map<string, JournalEntry>();
  for (const [i, item] of (o.entries as unknown[]).entries()) {
    const keyed = toKeyedEntry(item);
    if (!keyed) throw bad(`entry ${i + 1} is not {"key", "eTag", "value"}`);
    entries.set(...keyed);
  }
  return { seq: o.seq, entries };
}
