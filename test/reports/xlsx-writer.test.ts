import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { CellValue, ReportDocument, ReportTable } from '../../src/reports/report-files';
import { writeXlsx } from '../../src/reports/xlsx-writer';
import { readXlsx, utcDay } from './read-back';

const dir = mkdtempSync(path.join(tmpdir(), 'xlsx-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = (rows: CellValue[][]): ReportTable => ({
  columns: [
    { header: 'Date', kind: 'date' },
    { header: 'Description', kind: 'text' },
    { header: 'Quantity', kind: 'number' },
    { header: 'Case', kind: 'text' },
    { header: 'Restricted', kind: 'boolean' },
  ],
  rowCount: rows.length,
  row: (k) => rows[k] ?? [],
});

const rows: CellValue[][] = [
  ['2026-01-02', 'Workshop: Microsoft Sentinel deployment and tuning for the SOC team', 12.5, 'case-01', false],
  ['2026-02-28', null, -3, null, true],
  ['2026-03-01', '=1+1', 0.25, 'case-02', false],
];

async function write(name: string, doc: ReportDocument, created?: Date): Promise<string> {
  const file = path.join(dir, name);
  await writeXlsx(createWriteStream(file), doc, created);
  return file;
}

describe('writeXlsx', () => {
  it('writes a clean table: header row then rows, real dates, numbers and booleans, text kept as text', async () => {
    const file = await write('table.xlsx', { sheetName: 'Proof of delivery', table: table(rows) });
    const [sheet, ...others] = await readXlsx(file);
    expect(others).toEqual([]);
    expect(sheet?.name).toBe('Proof of delivery');
    expect(sheet?.rows).toEqual([
      ['Date', 'Description', 'Quantity', 'Case', 'Restricted'],
      [utcDay('2026-01-02'), 'Workshop: Microsoft Sentinel deployment and tuning for the SOC team', 12.5, 'case-01', false],
      [utcDay('2026-02-28'), null, -3, null, true],
      [utcDay('2026-03-01'), '=1+1', 0.25, 'case-02', false],
    ]);
  });

  it('freezes the header row, filters the whole table and sizes columns to fit', async () => {
    const file = await write('layout.xlsx', { sheetName: 'Sheet', table: table(rows) });
    const [sheet] = await readXlsx(file);
    expect(sheet?.frozenRows).toBe(1);
    expect(sheet?.autoFilter).toBe('A1:E4');
    const widths = sheet?.widths ?? [];
    const longest = 'Workshop: Microsoft Sentinel deployment and tuning for the SOC team'.length;
    expect(widths[1]).toBeGreaterThanOrEqual(Math.min(60, longest)); // capped, so one long note cannot take the screen
    expect(widths[1]).toBeLessThanOrEqual(62);
    expect(widths[0]).toBeGreaterThanOrEqual('2026-01-02'.length);
    expect(widths[4]).toBeGreaterThanOrEqual('Restricted'.length);
    expect(widths[3]).toBeLessThan(widths[1] ?? 0);
  });

  it('puts a title block above the totals on a second sheet, the totals still a filtered table', async () => {
    const generated = new Date('2026-11-22T09:30:00.000Z');
    const totals: ReportTable = {
      columns: [
        { header: 'Contract number', kind: 'text' },
        { header: 'Quantity', kind: 'number' },
      ],
      rowCount: 2,
      row: (k) => [['4100-22', 9.5], ['4200-25', 1]][k] ?? [],
    };
    const doc: ReportDocument = {
      sheetName: 'Data',
      table: table(rows),
      summary: {
        sheetName: 'Totals',
        title: 'Proof of delivery',
        lines: [
          { label: 'Organization', value: 'Contoso' },
          { label: 'Generated at (UTC)', value: generated },
        ],
        table: totals,
      },
    };
    const file = await write('summary.xlsx', doc, generated);
    const [data, second] = await readXlsx(file);
    expect(data?.rows).toHaveLength(4);
    expect(second?.name).toBe('Totals');
    expect(second?.rows).toEqual([
      ['Proof of delivery', null],
      ['Organization', 'Contoso'],
      ['Generated at (UTC)', generated],
      [null, null],
      ['Contract number', 'Quantity'],
      ['4100-22', 9.5],
      ['4200-25', 1],
    ]);
    expect(second?.frozenRows).toBe(5);
    expect(second?.autoFilter).toBe('A5:B7');
  });

  it('names sheets as Excel allows (31 characters, no : \\ / ? * [ ])', async () => {
    const file = await write('names.xlsx', { sheetName: 'Report: a/b [2026] with a very long name indeed', table: table([]) });
    const [sheet] = await readXlsx(file);
    expect(sheet?.name).toBe('Report  a b  2026  with a very ');
    expect(sheet?.rows).toEqual([['Date', 'Description', 'Quantity', 'Case', 'Restricted']]);
  });

  it('keeps memory flat on a long table: when the disk stalls, rows stop being made', async () => {
    const count = 60_000;
    const note = (i: number): string => Array.from({ length: 12 }, (_, j) => ((i + 1) * 7919 * (j + 3)).toString(36)).join(' ');
    const many = Array.from({ length: count }, (_, i): CellValue[] => ['2026-01-02', `delivery ${note(i)}`, i, `case-${i}`, i % 2 === 0]);
    // a disk that takes nothing until released
    let released = false;
    const held: (() => void)[] = [];
    const disk = new Writable({
      write(_chunk: Buffer, _encoding, done) {
        if (released) done();
        else held.push(done);
      },
    });
    let calls = 0;
    const long: ReportTable = {
      ...table(many),
      row: (k) => {
        calls += 1; // the first pass over the rows measures column widths; the second writes them
        return many[k] ?? [];
      },
    };
    const made = (): number => Math.max(0, calls - count);
    // stalled: rows stop coming for many turns of the event loop in a row (the writer yields every few hundred)
    const stalled = new Promise<number>((resolve) => {
      let last = -1;
      let quiet = 0;
      const look = (): void => {
        const now = made();
        if (now === count) return resolve(now);
        quiet = now === last && now > 0 ? quiet + 1 : 0;
        last = now;
        if (quiet >= 200) return resolve(now);
        setImmediate(look);
      };
      setImmediate(look);
    });
    const writing = writeXlsx(disk, { sheetName: 'Long', table: long });
    const madeWhenStalled = await stalled;
    released = true;
    held.splice(0).forEach((done) => done());
    await writing;
    // ~20 MB of sheet XML; a few MB may wait for the disk, never the whole sheet
    expect(madeWhenStalled).toBeLessThan(count / 2);
    expect(made()).toBe(count);
  });

  it('rejects when the stream fails, rather than hanging', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    const many = Array.from({ length: 20_000 }, (_, i): CellValue[] => ['2026-01-02', `note ${i}`, i, null, false]);
    await expect(writeXlsx(broken, { sheetName: 'Long', table: table(many) })).rejects.toThrow('disk full');
  });
});
