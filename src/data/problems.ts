import { DatasetError, type DatasetProblem } from './source';

/** How many problems a DatasetError lists; the rest are counted in one closing line. */
export const MAX_LISTED_PROBLEMS = 50;

/**
 * The problems found while loading one dataset. Keeps the first few and counts the rest, so a
 * file with a million bad lines costs no more memory than one with fifty.
 */
export class ProblemList {
  private readonly listed: DatasetProblem[] = [];
  private total = 0;

  constructor(
    /** Names the dataset in the closing "and N more" line, e.g. the folder. */
    private readonly source: string,
    private readonly cap = MAX_LISTED_PROBLEMS,
  ) {}

  add(problem: DatasetProblem): void {
    this.total += 1;
    if (this.listed.length < this.cap) this.listed.push(problem);
  }

  get count(): number {
    return this.total;
  }

  /** Throws a DatasetError listing the problems, if there are any. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const hidden = this.total - this.listed.length;
    const more: DatasetProblem[] =
      hidden > 0 ? [{ file: this.source, message: `and ${hidden} more problem${hidden === 1 ? '' : 's'}` }] : [];
    throw new DatasetError([...this.listed, ...more]);
  }
}
