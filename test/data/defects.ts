// Copies of the sample with one defect each, for the loader's error tests.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { DatasetError, type DatasetProblem } from '../../src/data/source';
import type { Dataset } from '../../src/domain/records';

export const SAMPLE = join(__dirname, '../../data/sample');
export type Rec = Record<string, unknown>;
export type Defect = (dir: string) => void;

const made: string[] = [];
export function cleanUp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function sampleCopy(defect?: Defect): string {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
  made.push(dir);
  cpSync(SAMPLE, dir, { recursive: true });
  defect?.(dir);
  return dir;
}

export const loadCopy = (defect?: Defect): Promise<Dataset> => new FileDataSource(sampleCopy(defect)).load();

/** The problems a defect causes; fails the test when the copy loads. */
export async function problemsOf(defect: Defect): Promise<DatasetProblem[]> {
  try {
    await loadCopy(defect);
  } catch (e) {
    if (e instanceof DatasetError) return [...e.problems];
    throw e;
  }
  throw new Error('the defective copy loaded without a problem');
}

export const readText = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
export const writeText = (dir: string, file: string, text: string): void => writeFileSync(join(dir, file), text);

/** Edits the records of an array file (re-written one record a line). */
export const editArray =
  (file: string, edit: (records: Rec[]) => void): Defect =>
  (dir) => {
    const records = JSON.parse(readText(dir, file)) as Rec[];
    edit(records);
    writeText(dir, file, `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
  };

/** Edits one record of an array file, found by id. */
export const editRecord = (file: string, id: string, edit: (record: Rec) => void): Defect =>
  editArray(file, (records) => {
    const record = records.find((r) => r.id === id);
    if (!record) throw new Error(`no ${id} in ${file}`);
    edit(record);
  });

/** Edits consumption.jsonl as lines (without the final empty one). */
export const editLines =
  (edit: (lines: string[]) => void): Defect =>
  (dir) => {
    const lines = readText(dir, 'consumption.jsonl').split('\n').slice(0, -1);
    edit(lines);
    writeText(dir, 'consumption.jsonl', `${lines.join('\n')}\n`);
  };

export const one = (file: string, record: string | undefined, field: string | undefined, message: RegExp): unknown =>
  expect.objectContaining({ file, ...(record ? { record } : {}), ...(field ? { field } : {}), message: expect.stringMatching(message) });
