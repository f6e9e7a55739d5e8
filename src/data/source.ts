import type { Dataset } from '../domain/records';

/** Where an organization's data comes from (the file folder, later an HTTP service). */
export interface DataSource {
  /** A human-readable name for logs and /readyz, e.g. `file:data/sample`. */
  readonly description: string;
  /** Loads and validates the whole organization; throws DatasetError on bad data. */
  load(): Promise<Dataset>;
}

/** One load error: the file, the record (id or line) and the field at fault. */
export interface DatasetProblem {
  file: string;
  /** Record id when it has one, else `line N` (jsonl) or `#N` (array index, 1-based). */
  record?: string;
  field?: string;
  message: string;
}

export class DatasetError extends Error {
  constructor(readonly problems: readonly DatasetProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DatasetError';
  }
}

export function formatProblem(p: DatasetProblem): string {
  const where = [p.file, p.record && `record ${p.record}`, p.field && `field ${p.field}`].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}
