import { PassThrough, Writable } from 'node:stream';
import { csvDialect, csvField, writeCsv } from '../../src/reports/csv-writer';
import type { CellValue, ReportTable } from '../../src/reports/report-files';
import { parseCsv } from './read-back';

const table = (rows: CellValue[][]): ReportTable => ({
  columns: [
    { header: 'Date', kind: 'date' },
    { header: 'Text', kind: 'text' },
    { header: 'Quantity', kind: 'number' },
    { header: 'Restricted', kind: 'boolean' },
  ],
  rowCount: rows.length,
  row: (k) => rows[k] ?? [],
});

async function csvOf(t: ReportTable, locale: 'en' | 'it'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCsv(out, t, csvDialect(locale));
  return Buffer.concat(chunks);
}

describe('CSV fields (RFC 4180)', () => {
  const en = csvDialect('en');
  const itDialect = csvDialect('it');

  it('quotes a field holding a separator, a quote or a line break, doubling its quotes', () => {
    expect(csvField('plain', 'text', en)).toBe('plain');
    expect(csvField('a, b', 'text', en)).toBe('"a, b"');
    expect(csvField('a; b', 'text', itDialect)).toBe('"a; b"');
    expect(csvField('say "hi"', 'text', en)).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines', 'text', en)).toBe('"two\r\nlines"');
  });

  it('writes decimals with a dot in English and a comma in Italian, and no grouping', () => {
    expect(csvField(1234.5, 'number', en)).toBe('1234.5');
    expect(csvField(1234.5, 'number', itDialect)).toBe('1234,5');
    expect(csvField(-6, 'number', itDialect)).toBe('-6');
    expect(csvField(0.000001, 'number', en)).toBe('0.000001');
  });

  it('writes booleans as true/false in both languages and nothing for an empty cell', () => {
    expect(csvField(true, 'boolean', itDialect)).toBe('true');
    expect(csvField(false, 'boolean', en)).toBe('false');
    expect(csvField(null, 'text', en)).toBe('');
  });

  it('keeps text that a spreadsheet would run as a formula from being one', () => {
    expect(csvField('=HYPERLINK("http://x")', 'text', en)).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+39 02 1234', 'text', en)).toBe("'+39 02 1234");
    expect(csvField('@SUM(A1)', 'text', itDialect)).toBe("'@SUM(A1)");
    expect(csvField('-5 hours', 'text', en)).toBe("'-5 hours");
    // dates and numbers are not text: a negative quantity stays a number
    expect(csvField('2026-11-22', 'date', en)).toBe('2026-11-22');
  });
});

describe('writeCsv', () => {
  const rows: CellValue[][] = [
    ['2026-01-02', 'Workshop, day 1', 12.5, false],
    ['2026-01-03', 'Quote "this"; then\nthat', -3, true],
    ['2026-01-04', null, 0.25, false],
  ];

  it.each(['en', 'it'] as const)('%s: a byte-order mark, one header line, CRLF records that parse back', async (locale) => {
    const bytes = await csvOf(table(rows), locale);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const sep = locale === 'it' ? ';' : ',';
    const dec = (s: string): string => (locale === 'it' ? s.replace('.', ',') : s);
    expect(parseCsv(text, sep)).toEqual([
      ['Date', 'Text', 'Quantity', 'Restricted'],
      ['2026-01-02', 'Workshop, day 1', dec('12.5'), 'false'],
      ['2026-01-03', 'Quote "this"; then\nthat', '-3', 'true'],
      ['2026-01-04', '', dec('0.25'), 'false'],
    ]);
  });

  it('writes UTF-8 (accents and non-Latin text survive)', async () => {
    const bytes = await csvOf(table([['2026-01-02', 'Attività — città 東京', 1, false]]), 'it');
    expect(parseCsv(bytes.toString('utf8').slice(1), ';')[1]?.[1]).toBe('Attività — città 東京');
  });

  it('waits for a slow reader instead of buffering the whole file', async () => {
    const many: CellValue[][] = Array.from({ length: 20_000 }, (_, i) => ['2026-01-02', `row ${i} ${'x'.repeat(40)}`, i, false]);
    let written = 0;
    let maxPending = 0;
    const slow = new Writable({
      highWaterMark: 1 << 16,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        maxPending = Math.max(maxPending, slow.writableLength);
        setImmediate(done);
      },
    });
    await writeCsv(slow, table(many), csvDialect('en'));
    expect(written).toBeGreaterThan(1_000_000);
    expect(maxPending).toBeLessThanOrEqual(1 << 18); // a chunk or so, never the ~1.2 MB file
  });

  it('rejects when the stream fails, rather than hanging or crashing', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    const many: CellValue[][] = Array.from({ length: 5_000 }, () => ['2026-01-02', 'x'.repeat(50), 1, false]);
    await expect(writeCsv(broken, table(many), csvDialect('en'))).rejects.toThrow('disk full');
  });
});
