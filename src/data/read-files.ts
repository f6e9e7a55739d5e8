import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { locateJsonError } from './json-error-position';
import type { DatasetProblem } from './source';

export type JsonFileResult = { ok: true; value: unknown } | { ok: false; problem: DatasetProblem };

/** Reads and parses one JSON file of the dataset folder; a missing or broken file becomes a problem. */
export async function readJsonFile(dir: string, file: string): Promise<JsonFileResult> {
  let text: string;
  try {
    text = stripBom(await readFile(join(dir, file), 'utf8'));
  } catch (e) {
    return { ok: false, problem: { file, message: ioMessage(e) } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const at = locateJsonError(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    return { ok: false, problem: { file, message: `not valid JSON${where}: ${parserMessage(e)}` } };
  }
}

/**
 * Streams a JSON Lines file: one `onValue` per non-blank line, in order, with its 1-based line
 * number. A line that is not JSON is reported and skipped; the rest of the file is still read.
 * Resolves false when the file itself cannot be read.
 */
export async function readJsonLines(
  dir: string,
  file: string,
  onValue: (value: unknown, line: number) => void,
  onProblem: (problem: DatasetProblem) => void,
): Promise<boolean> {
  let lineNo = 0;
  const handle = (line: string): void => {
    lineNo += 1;
    if (isBlank(line)) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const at = locateJsonError(line);
      const where = at ? ` at column ${at.column}` : '';
      onProblem({ file, record: `line ${lineNo}`, message: `not valid JSON${where}: ${parserMessage(e)}` });
      return;
    }
    onValue(value, lineNo);
  };

  // Buffers, not strings: a line never splits a UTF-8 character at byte 0x0A, so each line is
  // decoded once, on its own, and no chunk-sized string is ever built or flattened.
  const stream = createReadStream(join(dir, file), { highWaterMark: 1 << 20 });
  let pending: Buffer[] = []; // the pieces of a line that spans chunks
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = first && hasBom(chunk) ? 3 : 0;
      first = false;
      let nl = chunk.indexOf(10, start);
      if (nl !== -1 && pending.length > 0) {
        pending.push(chunk.subarray(start, nl));
        handle(Buffer.concat(pending).toString('utf8'));
        pending = [];
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      for (; nl !== -1; nl = chunk.indexOf(10, start)) {
        handle(chunk.toString('utf8', start, nl));
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (e) {
    onProblem({ file, message: ioMessage(e) });
    return false;
  }
  if (pending.length > 0) handle(Buffer.concat(pending).toString('utf8'));
  return true;
}

function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const c = line.charCodeAt(0);
  // only lines starting with white space can be blank: skip the trim for the million others
  return (c === 32 || c === 9 || c === 13) && line.trim() === '';
}

const hasBom = (b: Buffer): boolean => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function ioMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file is missing';
    case 'EISDIR':
      return 'is a folder, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    default:
      return `cannot be read: ${code ?? messageOf(e)}`;
  }
}

// not `instanceof Error`: errors may come from another realm (vm contexts, test runners)
const messageOf = (e: unknown): string =>
  typeof (e as { message?: unknown } | null)?.message === 'string' ? (e as { message: string }).message : String(e);

function parserMessage(e: unknown): string {
  const text = messageOf(e).replace(/\s+/g, ' ');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
