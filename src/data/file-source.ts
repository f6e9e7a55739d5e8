import type { Dataset } from '../domain/records';
import { readJsonFile, readJsonLines } from './read-files';
import type { DataSource } from './source';
import { DATASET_FILES, DatasetBuilder, type RecordFile } from './validate';

const ARRAY_FILES: readonly Exclude<RecordFile, 'consumption'>[] = [
  'users',
  'contracts',
  'workspaces',
  'memberships',
  'groups',
  'packages',
  'entitlements',
  'cases',
  'training',
];

/** The embedded default: one organization from a folder of JSON files (dataset.md). */
export class FileDataSource implements DataSource {
  readonly description: string;

  constructor(private readonly dir: string) {
    this.description = `file:${dir}`;
  }

  /** Reads and validates the whole folder; throws DatasetError listing what is wrong, where. */
  async load(): Promise<Dataset> {
    const builder = new DatasetBuilder(this.dir);
    const { problems, collectors } = builder;

    const organization = await readJsonFile(this.dir, DATASET_FILES.organization);
    if (organization.ok) builder.setOrganization(organization.value);
    else problems.add(organization.problem);

    for (const name of ARRAY_FILES) {
      const read = await readJsonFile(this.dir, DATASET_FILES[name]);
      if (read.ok) collectors[name].addAll(read.value);
      else {
        problems.add(read.problem);
        builder.unavailable(name);
      }
    }

    // the big one: validated line by line as it streams in, never held as text or raw objects
    const consumption = collectors.consumption;
    const readable = await readJsonLines(
      this.dir,
      DATASET_FILES.consumption,
      (value, line) => consumption.add(value, line),
      (problem) => problems.add(problem),
    );
    if (!readable) builder.unavailable('consumption');

    return builder.finish();
  }
}
