import type { DataSource } from '../data/source';
import type { Dataset } from '../domain/records';
import { OrgIndex } from '../domain/org-index';
import type { ServerLogger } from './logger';

/** What /readyz reports about the data. */
export interface DataStatus {
  source: string;
  version: number;
  loadedAt: string;
  ageSeconds: number;
  /** Set while the latest reload failed: the bot keeps answering from the version before it. */
  lastReloadError?: string;
}

/**
 * The organization the bot answers from. Empty until the data source has loaded; /readyz says so,
 * and a turn that arrives meanwhile fails politely instead of answering from nothing. A reload
 * swaps the whole index at once: a turn reads `current()` once and keeps that version.
 */
export class OrgHolder {
  private index: OrgIndex | undefined;
  /** Weak: only a source that keeps its last Dataset (to answer "unchanged") keeps it alive. */
  private dataset: WeakRef<Dataset> | undefined;
  private loadedAt = 0;
  private version = 0;
  private lastReloadError: string | undefined;
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly source: DataSource,
    private readonly now: () => number = Date.now,
  ) {}

  get loaded(): boolean {
    return this.index !== undefined;
  }

  current(): OrgIndex {
    if (!this.index) throw new Error(`data from ${this.source.description} is not loaded yet`);
    return this.index;
  }

  /** Loads and indexes the whole organization; rejects with the source's DatasetError. */
  async load(): Promise<OrgIndex> {
    const dataset = await this.source.load();
    // a source that saw no change (HTTP: every collection 304) returns the same Dataset: keep its index
    const unchanged = this.index !== undefined && dataset === this.dataset?.deref();
    const index = unchanged && this.index ? this.index : new OrgIndex(dataset);
    this.dataset = new WeakRef(dataset);
    this.index = index;
    this.loadedAt = this.now(); // unchanged or not, the data is current as of now
    if (!unchanged) this.version += 1;
    this.lastReloadError = undefined;
    return index;
  }

  /** Reloads in the background; a failure keeps the old version and is reported, never thrown. */
  reload(logger: ServerLogger): Promise<void> {
    this.reloading ??= this.load()
      .then(
        (index) => logger.info({ version: this.version, contracts: index.contracts.size }, 'data reloaded'),
        (e: unknown) => {
          this.lastReloadError = e instanceof Error ? e.message : String(e);
          logger.error({ reason: this.lastReloadError, ageSeconds: this.ageSeconds() }, 'data reload failed: keeping the previous version');
        },
      )
      .finally(() => {
        this.reloading = undefined;
      });
    return this.reloading;
  }

  /** Reloads every `seconds` until the returned function is called. */
  refreshEvery(seconds: number, logger: ServerLogger): () => void {
    const timer = setInterval(() => void this.reload(logger), seconds * 1000);
    timer.unref();
    return () => clearInterval(timer);
  }

  ageSeconds(): number {
    return Math.max(0, Math.round((this.now() - this.loadedAt) / 1000));
  }

  check(): Promise<DataStatus> {
    if (!this.index) return Promise.reject(new Error(`not loaded yet (${this.source.description})`));
    return Promise.resolve({
      source: this.source.description,
      version: this.version,
      loadedAt: new Date(this.loadedAt).toISOString(),
      ageSeconds: this.ageSeconds(),
      ...(this.lastReloadError ? { lastReloadError: this.lastReloadError } : {}),
    });
  }
}
