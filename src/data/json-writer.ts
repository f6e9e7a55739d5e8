import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const FLUSH_AT = 1 << 20;

/** Writes text to a file in ~1 MiB chunks, waiting when the disk is behind: memory stays flat. */
export class ChunkedWriter {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  /** Adds text; true when a chunk is ready and the caller should `await flush()`. */
  push(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

/** A JSON array, one record a line: diffs and `grep` stay readable, big files stream. */
export async function writeJsonArray(path: string, records: readonly object[]): Promise<void> {
  const out = new ChunkedWriter(path);
  if (records.length === 0) out.push('[]\n');
  for (let i = 0; i < records.length; i++) {
    const line = `${i === 0 ? '[\n  ' : ',\n  '}${JSON.stringify(records[i])}`;
    if (out.push(line)) await out.flush();
  }
  if (records.length > 0) out.push('\n]\n');
  await out.close();
}

export async function writeJsonObject(path: string, value: object): Promise<void> {
  const out = new ChunkedWriter(path);
  out.push(`${JSON.stringify(value, null, 2)}\n`);
  await out.close();
}
