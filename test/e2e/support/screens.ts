import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Where the journeys' pictures go. Every run: test-results/e2e/<locale>/ (git-ignored), kept after
// a failure with the logs. `npm run docs:screens` sets E2E_SCREENS_DIR=docs/screens: the pictures
// of a passing run become the gallery, named <locale>-<step>.png, with <locale>.steps.json listing
// them for the index (src/cli/docs-screens.ts).

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e');

export interface Shot {
  file: string;
  caption: string;
}

export class Screens {
  readonly resultsDir: string;
  private readonly galleryDir: string | undefined;
  private readonly shots: Shot[] = [];
  private count = 0;

  constructor(readonly locale: string) {
    this.resultsDir = path.join(RESULTS_DIR, locale);
    rmSync(this.resultsDir, { recursive: true, force: true });
    mkdirSync(this.resultsDir, { recursive: true });
    const gallery = process.env.E2E_SCREENS_DIR?.trim();
    this.galleryDir = gallery ? path.resolve(ROOT, gallery) : undefined;
    if (this.galleryDir) mkdirSync(this.galleryDir, { recursive: true });
  }

  /** The next picture's file, numbered in journey order; `caption` says what the person sees. */
  next(slug: string, caption: string): string {
    this.count += 1;
    const name = `${this.locale}-${String(this.count).padStart(2, '0')}-${slug}.png`;
    this.shots.push({ file: name, caption });
    return path.join(this.galleryDir ?? this.resultsDir, name);
  }

  /** A picture of the moment a step failed, always next to the logs. */
  failure(slug: string): string {
    return path.join(this.resultsDir, `FAILED-${slug}.png`);
  }

  /** The index of this run's pictures, for the gallery's README. */
  writeIndex(): void {
    const file = path.join(this.galleryDir ?? this.resultsDir, `${this.locale}.steps.json`);
    writeFileSync(file, `${JSON.stringify(this.shots, null, 2)}\n`);
  }
}
