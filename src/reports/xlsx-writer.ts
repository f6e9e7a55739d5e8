import { once, type EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { CellKind, CellValue, ReportDocument, ReportTable, TitleLine } from './report-files';

// XLSX through exceljs' streaming writer: rows are committed as they are made, so memory stays
// flat however long the report. Cells hold real numbers, dates and booleans; text stays text.

type Sheet = ExcelJS.Worksheet;
type Style = Partial<ExcelJS.Style>;

// One object per style: exceljs caches a style's id by object identity, so sharing them keeps
// a million cells from each being looked up afresh.
const STYLES: Readonly<Record<CellKind | 'header' | 'title' | 'label' | 'instant', Style>> = {
  text: {},
  number: {},
  boolean: {},
  date: { numFmt: 'yyyy-mm-dd' },
  instant: { numFmt: 'yyyy-mm-dd hh:mm', alignment: { horizontal: 'left' } },
  header: { font: { bold: true }, border: { bottom: { style: 'thin' } } },
  title: { font: { bold: true, size: 14 } },
  label: { font: { bold: true } },
};

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Rows between two turns of the event loop, in which zlib and the file stream take what was committed. */
const ROWS_PER_TURN = 256;
/**
 * Bytes of sheet XML allowed to wait for zlib before the rows wait for it. Small on purpose: what
 * waits outlives young-generation collections and is promoted, and on a heap holding a large
 * organization every old-generation collection is expensive (4 MiB here doubled the CPU time).
 */
const BACKLOG_LIMIT = 512 * 2 ** 10;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Pipe extends EventEmitter {
  _writableState?: { length?: unknown };
}

/**
 * exceljs 4.4 writes each committed row into the zip without back-pressure: left alone, a sheet of
 * a million rows waits in memory for zlib. Its internals are read here, guarded: the stream a sheet
 * is piped into (archiver's PassThrough) and how many bytes it holds. Without them, no waiting.
 */
function backlogOf(sheet: Sheet): { bytes: number; pipe: Pipe } | undefined {
  const pipe = (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes?.[0];
  const bytes = pipe?._writableState?.length;
  return pipe && typeof bytes === 'number' ? { bytes, pipe } : undefined;
}

/** Lets the zip catch up, or fails with the output stream. */
async function settle(sheet: Sheet, failed: Promise<never>): Promise<void> {
  await Promise.race([nextTurn(), failed]);
  const backlog = backlogOf(sheet);
  if (backlog && backlog.bytes > BACKLOG_LIMIT) await Promise.race([once(backlog.pipe, 'drain'), failed]);
}

/** An ISO date as the instant Excel's date serials count from (exceljs writes dates in UTC). */
const utcDate = (iso: string): Date => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));

function cellValue(value: CellValue, kind: CellKind): ExcelJS.CellValue {
  if (value === null) return null;
  return kind === 'date' && typeof value === 'string' ? utcDate(value) : value;
}

const shownLength = (value: CellValue, kind: CellKind): number =>
  value === null ? 0 : kind === 'date' ? 10 : typeof value === 'boolean' ? 6 : String(value).length;

/** Widths that fit the header and the longest value of each column (one pass over the rows). */
function widths(table: ReportTable, atLeast: readonly number[] = []): number[] {
  const kinds = table.columns.map((c) => c.kind);
  const longest = table.columns.map((c, i) => Math.max(c.header.length, atLeast[i] ?? 0));
  for (let k = 0; k < table.rowCount; k += 1) {
    const row = table.row(k);
    for (let i = 0; i < row.length; i += 1) {
      const n = shownLength(row[i] ?? null, kinds[i] ?? 'text');
      if (n > (longest[i] as number)) longest[i] = n;
    }
  }
  // exceljs leaves out a column whose width is its default, 9: Excel would show it at 8.43
  return longest.map((n) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, n + 2))).map((w) => (w === 9 ? 10 : w));
}

function addHeader(sheet: Sheet, table: ReportTable): void {
  const row = sheet.addRow([]);
  table.columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = c.header;
    cell.style = STYLES.header;
  });
  row.commit();
}

async function addRows(sheet: Sheet, table: ReportTable, failed: Promise<never>): Promise<void> {
  const kinds = table.columns.map((c) => c.kind);
  for (let k = 0; k < table.rowCount; k += 1) {
    const values = table.row(k);
    const row = sheet.addRow([]);
    for (let i = 0; i < values.length; i += 1) {
      const kind = kinds[i] ?? 'text';
      const value = values[i] ?? null;
      if (value === null) continue;
      const cell = row.getCell(i + 1);
      cell.value = cellValue(value, kind);
      cell.style = STYLES[kind];
    }
    row.commit();
    if ((k + 1) % ROWS_PER_TURN === 0) await settle(sheet, failed);
  }
}

/** Header frozen, auto-filter over the whole table, which starts on `headerRow`. */
function tableSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headerRow: number): Sheet {
  return book.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
}

function filterOver(sheet: Sheet, table: ReportTable, headerRow: number): void {
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + table.rowCount, column: table.columns.length },
  };
}

function addTitle(sheet: Sheet, title: string, lines: readonly TitleLine[]): void {
  const head = sheet.addRow([]);
  head.getCell(1).value = title;
  head.getCell(1).style = STYLES.title;
  head.commit();
  for (const line of lines) {
    const row = sheet.addRow([]);
    row.getCell(1).value = line.label;
    row.getCell(1).style = STYLES.label;
    row.getCell(2).value = line.value;
    row.getCell(2).style = line.value instanceof Date ? STYLES.instant : STYLES.text;
    row.commit();
  }
  sheet.addRow([]).commit();
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] (Excel refuses the file otherwise). */
const sheetName = (name: string): string => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/**
 * Writes the document as XLSX to `out`: the table on the first sheet (header row then rows, a
 * clean table that reads back), and the summary, when there is one, on a second sheet.
 */
export async function writeXlsx(out: Writable, doc: ReportDocument, created: Date = new Date()): Promise<void> {
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined); // observed by the races below
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'activity-bot';
  book.lastModifiedBy = 'activity-bot';
  book.created = created;
  book.modified = created;

  // every sheet is opened before any is written: the zip keeps the order they were added in
  const data = tableSheet(book, sheetName(doc.sheetName), 1);
  const summary = doc.summary;
  const totalsHeader = summary ? summary.lines.length + 3 : 0; // title, lines, a blank row
  const totals = summary ? tableSheet(book, sheetName(summary.sheetName), totalsHeader) : undefined;

  data.columns = widths(doc.table).map((width) => ({ width }));
  addHeader(data, doc.table);
  await addRows(data, doc.table, failed);
  filterOver(data, doc.table, 1);
  data.commit();

  if (summary && totals) {
    const labelWidth = Math.max(...summary.lines.map((l) => l.label.length));
    totals.columns = widths(summary.table, [labelWidth]).map((width) => ({ width }));
    addTitle(totals, summary.title, summary.lines);
    addHeader(totals, summary.table);
    await addRows(totals, summary.table, failed);
    filterOver(totals, summary.table, totalsHeader);
    totals.commit();
  }
  await Promise.race([book.commit(), failed]);
  await Promise.race([finished(out), failed]);
}
