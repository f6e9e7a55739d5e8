import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { OrgIndex } from '../../src/domain/org-index';

export const SAMPLE_DIR = path.resolve(__dirname, '..', '..', 'data', 'sample');
export const SAMPLE_TODAY = '2026-11-22';

let cached: Promise<OrgIndex> | undefined;

/** The shipped sample organization, loaded once per test file. */
export function sampleOrg(): Promise<OrgIndex> {
  cached ??= new FileDataSource(SAMPLE_DIR).load().then((d) => new OrgIndex(d));
  return cached;
}
