import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { DatasetError } from '../../src/data/source';
import { DATASET_FILES } from '../../src/data/validate';
import { cleanUp, editLines, loadCopy, one, problemsOf, readText, sampleCopy, writeText } from './defects';

afterAll(cleanUp);

describe('FileDataSource: files', () => {
  test('describes itself by its folder', () => {
    expect(new FileDataSource('data/sample').description).toBe('file:data/sample');
  });

  test.each(Object.values(DATASET_FILES))('a missing %s is named', async (file) => {
    const problems = await problemsOf((dir) => rmSync(join(dir, file)));
    expect(problems).toEqual([one(file, undefined, undefined, /^file is missing$/)]);
  });

  test('a JSON file that does not parse is named with the line and column of the fault', async () => {
    const problems = await problemsOf((dir) =>
      writeText(dir, 'users.json', readText(dir, 'users.json').replace('"displayName": "Mario Rossi",', '"displayName": "Mario Rossi",,')),
    );
    expect(problems).toEqual([one('users.json', undefined, undefined, /^not valid JSON at line 3, column \d+: /)]);
  });

  test('a jsonl line that does not parse is named by its line; the other lines are still checked', async () => {
    const problems = await problemsOf(
      editLines((lines) => {
        lines[4] = '{"id": "cr-005", "entitlementId": "ent-01",';
        lines[9] = lines[9]?.replace(/"quantity": [\d.]+/, '"quantity": "30"') ?? '';
      }),
    );
    expect(problems).toEqual([
      one('consumption.jsonl', 'line 5', undefined, /^not valid JSON at column 44: /),
      one('consumption.jsonl', 'cr-010', 'quantity', /expected number, found "30" \(line 10\)/),
    ]);
  });

  test('blank lines, CRLF endings and a byte-order mark are fine; line numbers stay physical', async () => {
    const dir = sampleCopy((d) => {
      const lines = readText(d, 'consumption.jsonl').split('\n');
      const text = ['', ...lines.slice(0, 3), '   ', '\t', ...lines.slice(3)].join('\r\n');
      writeText(d, 'consumption.jsonl', `\uFEFF${text}\r\n\r\n`);
      writeText(d, 'users.json', `\uFEFF${readText(d, 'users.json')}`);
    });
    const dataset = await new FileDataSource(dir).load();
    expect(dataset.consumption).toHaveLength(100);
    expect(dataset.users).toHaveLength(18);

    writeText(dir, 'consumption.jsonl', readText(dir, 'consumption.jsonl').replace('"cr-003"', '"cr-003", "quantity": null, "x"'));
    await expect(new FileDataSource(dir).load()).rejects.toMatchObject({ problems: [one('consumption.jsonl', 'line 4', undefined, /not valid JSON/)] });
  });

  test('a consumption file bigger than a read chunk keeps every line whole, multi-byte text included', async () => {
    const note = 'Attività è già consegnata – 日本語 ✓';
    const dataset = await loadCopy(
      editLines((lines) => {
        const template = lines[0] ?? '';
        for (let i = 0; i < 12_000; i++) {
          lines.push(template.replace('"cr-001"', `"cr-x${i}"`).replace('Azure Security Assessment', `${note} ${i}`));
        }
      }),
    );
    expect(dataset.consumption).toHaveLength(12_100);
    const extra = dataset.consumption.filter((r) => r.id.startsWith('cr-x'));
    expect(extra.every((r, i) => r.description === `${note} ${i}`)).toBe(true);
  });

  test('a file of the wrong shape is named', async () => {
    expect(await problemsOf((dir) => writeText(dir, 'contracts.json', '{"contracts": []}'))).toEqual([
      one('contracts.json', undefined, undefined, /^expected a JSON array of records, found an object$/),
    ]);
    expect(await problemsOf((dir) => writeText(dir, 'organization.json', '[]'))).toEqual([
      one('organization.json', undefined, undefined, /^expected a JSON object, found an array$/),
    ]);
    expect(await problemsOf(editLines((lines) => lines.splice(2, 0, '[1, 2]')))).toEqual([
      one('consumption.jsonl', 'line 3', undefined, /^expected a JSON object, found an array$/),
    ]);
  });

  test('records of a file that cannot be read are not also reported as dangling references', async () => {
    const problems = await problemsOf((dir) => rmSync(join(dir, 'users.json')));
    expect(problems).toHaveLength(1);
  });

  test('a file with many problems lists the first 50 and counts the rest', async () => {
    const dir = sampleCopy(editLines((lines) => lines.push(...Array.from({ length: 60 }, () => '{oops'))));
    const error = await new FileDataSource(dir).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const problems = (error as DatasetError).problems;
    expect(problems).toHaveLength(51);
    expect(problems[49]).toMatchObject({ file: 'consumption.jsonl', record: 'line 150' });
    expect(problems[50]).toEqual({ file: dir, message: 'and 10 more problems' });
    expect((error as DatasetError).message.split('\n')[0]).toMatch(/^consumption\.jsonl, record line 101: not valid JSON/);
  });

  test('extra fields are allowed and dropped', async () => {
    const dataset = await loadCopy(editLines((lines) => (lines[0] = lines[0]?.replace('{', '{"invoice": "F-1", ') ?? '')));
    expect(dataset.consumption[0]).not.toHaveProperty('invoice');
  });
});
