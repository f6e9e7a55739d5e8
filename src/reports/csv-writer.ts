import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Locale } from '../domain/vocabulary';
import type { CellKind, CellValue, ReportTable } from './report-files';

/** How Excel reads a CSV opened by double-click: Italian settings want `;` and a decimal comma. */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
}

export const csvDialect = (locale: Locale): CsvDialect =>
  locale === 'it' ? { separator: ';', decimal: ',' } : { separator: ',', decimal: '.' };

const BOM = '\uFEFF';
const EOL = '\r\n'; // RFC 4180
/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading
 * apostrophe: descriptions come from outside, and a CSV is opened in Excel (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvNumber(value: number, dialect: CsvDialect): string {
  const text = String(value);
  return dialect.decimal === '.' ? text : text.replace('.', dialect.decimal);
}

/** One field: quoted when it holds a comma or a semicolon (either dialect's separator), a quote or a line break (RFC 4180). */
export function csvField(value: CellValue, kind: CellKind, dialect: CsvDialect): string {
  if (value === null) return '';
  if (typeof value === 'number') return csvNumber(value, dialect);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = kind === 'text' && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CHUNK = 1 << 16;

/** Text gathered into ~64 KiB chunks, written with back-pressure; an error of the stream rejects. */
class ChunkSink {
  private parts: string[] = [];
  private size = 0;
  private failure: Error | undefined;

  constructor(private readonly out: Writable) {
    out.on('error', (e: Error) => {
      this.failure ??= e;
    });
  }

  /** True when a chunk is ready and the caller should `await flush()`. */
  push(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= CHUNK;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk, 'utf8')) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}

/** The table as CSV in UTF-8 with a byte-order mark, one header line; never more than a chunk in memory. */
export async function writeCsv(out: Writable, table: ReportTable, dialect: CsvDialect): Promise<void> {
  const sink = new ChunkSink(out);
  const kinds = table.columns.map((c) => c.kind);
  const line = (cells: readonly CellValue[]): string =>
    cells.map((v, i) => csvField(v, kinds[i] ?? 'text', dialect)).join(dialect.separator) + EOL;
  sink.push(BOM + line(table.columns.map((c) => c.header)));
  for (let k = 0; k < table.rowCount; k += 1) {
    if (sink.push(line(table.row(k)))) await sink.flush();
  }
  await sink.close();
}
