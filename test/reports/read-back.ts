import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CATEGORY_LABELS, UNIT_LABELS, type Locale } from '../../src/domain/vocabulary';
import type { DeliveryRow, DeliveryTotal } from '../../src/queries/delivery-report';
import type { TrainingReportResult } from '../../src/queries/training-report';

// Reading report files back the way a person's tools would, and what the query layer says they
// should hold, spelled out here rather than taken from src/reports.

export const HEADERS = {
  delivery: {
    en: ['Date', 'Contract number', 'Package', 'Entitlement', 'Category', 'Unit', 'Quantity', 'Description', 'Case', 'Restricted'],
    it: ['Data', 'Numero contratto', 'Pacchetto', 'Diritto', 'Categoria', 'Unità', 'Quantità', 'Descrizione', 'Caso', 'Riservato'],
  },
  training: {
    en: ['User name', 'E-mail', 'Course', 'Hours', 'Completed on'],
    it: ['Nome utente', 'E-mail', 'Corso', 'Ore', 'Completato il'],
  },
  totals: {
    en: ['Contract number', 'Package', 'Entitlement', 'Category', 'Unit', 'Records', 'Quantity'],
    it: ['Numero contratto', 'Pacchetto', 'Diritto', 'Categoria', 'Unità', 'Consumi', 'Quantità'],
  },
} as const;

/** RFC 4180: fields separated by `separator`, CRLF between records, quotes doubled inside quoted fields. */
export function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else if (c === '\n' || c === '\r' || c === '"') {
      throw new Error(`not RFC 4180: bare ${JSON.stringify(c)} at ${i}`);
    } else field += c;
  }
  if (quoted) throw new Error('not RFC 4180: unterminated quote');
  if (field !== '' || record.length > 0) throw new Error('not RFC 4180: last record without CRLF');
  return records;
}

const BOM = '\uFEFF';

/** The records of a CSV file that must start with a UTF-8 byte-order mark. */
export function readCsv(file: string, locale: Locale): string[][] {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text.startsWith(BOM)).toBe(true);
  return parseCsv(text.slice(1), locale === 'it' ? ';' : ',');
}

export type XlsxValue = string | number | boolean | Date | null;

export interface XlsxSheet {
  name: string;
  rows: XlsxValue[][];
  frozenRows: number | undefined;
  autoFilter: unknown;
  widths: (number | undefined)[];
}

function plain(value: ExcelJS.CellValue): XlsxValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  throw new Error(`unexpected cell ${JSON.stringify(value)}`);
}

export async function readXlsx(file: string): Promise<XlsxSheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book.worksheets.map((sheet) => {
    const rows: XlsxValue[][] = [];
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      rows.push(Array.from({ length: width }, (_, c) => plain(row.getCell(c + 1).value)));
    }
    const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
    return {
      name: sheet.name,
      rows,
      frozenRows: view?.state === 'frozen' ? view.ySplit : undefined,
      autoFilter: sheet.autoFilter,
      widths: Array.from({ length: width }, (_, c) => sheet.getColumn(c + 1).width),
    };
  });
}

/** Every text of an XLSX package (all parts: sheets, names, properties), for looking for leaks. */
export async function xlsxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  return `${Object.keys(zip.files).join(' ')} ${parts.join(' ')}`;
}

export const utcDay = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

const csvNumber = (n: number, locale: Locale): string => (locale === 'it' ? String(n).replace('.', ',') : String(n));

/** A delivery row as its CSV record, columns in interfaces.md order. */
export function deliveryCsv(r: DeliveryRow, locale: Locale): string[] {
  return [
    r.date,
    r.contractNumber,
    r.packageName,
    r.entitlementName,
    CATEGORY_LABELS[r.category][locale],
    UNIT_LABELS[r.unit][locale],
    csvNumber(r.quantity, locale),
    r.description ?? '',
    r.caseId ?? '',
    String(r.restricted),
  ];
}

/** A delivery row as XLSX cells: a real date, a real number, a boolean. */
export function deliveryXlsx(r: DeliveryRow, locale: Locale): XlsxValue[] {
  return [
    utcDay(r.date),
    r.contractNumber,
    r.packageName,
    r.entitlementName,
    CATEGORY_LABELS[r.category][locale],
    UNIT_LABELS[r.unit][locale],
    r.quantity,
    r.description,
    r.caseId,
    r.restricted,
  ];
}

export function totalsXlsx(t: DeliveryTotal, locale: Locale): XlsxValue[] {
  return [t.contractNumber, t.packageName, t.entitlementName, CATEGORY_LABELS[t.category][locale], UNIT_LABELS[t.unit][locale], t.records, t.quantity];
}

type TrainingRecord = TrainingReportResult['records'][number];

export function trainingCsv(r: TrainingRecord, locale: Locale): string[] {
  return [r.userName, r.email, r.course, csvNumber(r.hours, locale), r.completedAt?.slice(0, 10) ?? ''];
}

export function trainingXlsx(r: TrainingRecord): XlsxValue[] {
  return [r.userName, r.email, r.course, r.hours, r.completedAt === null ? null : utcDay(r.completedAt.slice(0, 10))];
}
