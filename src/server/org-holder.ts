import type { DataSource } from '../data/source';
import { OrgIndex } from '../domain/org-index';

/**
 * The organization the bot answers from. Empty until the data source has loaded; /readyz says so,
 * and a turn that arrives meanwhile fails politely instead of answering from nothing.
 */
export class OrgHolder {
  private index: OrgIndex | undefined;

  constructor(private readonly source: DataSource) {}

  get loaded(): boolean {
    return this.index !== undefined;
  }

  current(): OrgIndex {
    if (!this.index) throw new Error(`data from ${this.source.description} is not loaded yet`);
    return this.index;
  }

  /** Loads and indexes the whole organization; rejects with the source's DatasetError. */
  async load(): Promise<OrgIndex> {
    this.index = new OrgIndex(await this.source.load());
    return this.index;
  }

  check(): Promise<void> {
    return this.index ? Promise.resolve() : Promise.reject(new Error(`not loaded yet (${this.source.description})`));
  }
}
