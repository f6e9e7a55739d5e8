import type { Dataset } from '../domain/records';
import { byCollection } from './http-problems';
import { readPage } from './http-page';
import { DEFAULT_HTTP_POLICY, HttpGetter, HttpSourceError, REAL_HTTP, shownUrl, type HttpDeps, type HttpPolicy, type SourceLogger } from './http-request';
import { locateJsonError } from './json-error-position';
import { DatasetError, type DataSource } from './source';
import type { TokenProvider } from './token-provider';
import { DATASET_FILES, DatasetBuilder, type RecordFile } from './validate';

/** The collections of the API, one per file of dataset.md, in the order they are read. */
export const COLLECTIONS = Object.keys(DATASET_FILES) as readonly (keyof Dataset)[];

export interface HttpSourceOptions {
  /** Base URL: `GET {url}/{collection}` for each collection. */
  url: string;
  tokens?: TokenProvider;
  policy?: Partial<HttpPolicy>;
  log?: SourceLogger;
  /** Network, clock and randomness, replaced by tests. */
  deps?: Partial<HttpDeps>;
}

/** What the last good load saw: its dataset and, per collection, the ETag of that version. */
interface Loaded {
  dataset: Dataset;
  etags: Partial<Record<keyof Dataset, string>>;
}

/**
 * The organization from a customer's API (the same shapes as the dataset folder). Each
 * collection is one paged GET; on a refresh it is asked with If-None-Match, and a 304 reuses the
 * collection of the last good load. When nothing changed, `load()` returns that very Dataset
 * again, so the holder keeps its index. The result is validated exactly like the folder's.
 */
export class HttpDataSource implements DataSource {
  readonly description: string;
  private readonly base: URL;
  private readonly http: HttpGetter;
  private last: Loaded | undefined;

  constructor(private readonly options: HttpSourceOptions) {
    this.base = new URL(options.url);
    this.description = `http:${shownUrl(this.base)}`;
    this.http = new HttpGetter(
      { ...DEFAULT_HTTP_POLICY, ...options.policy },
      { ...REAL_HTTP, ...options.deps },
      options.tokens,
      options.log,
    );
  }

  /** `{base}/{collection}`, keeping the base's query (an api-version, say). */
  collectionUrl(collection: keyof Dataset): URL {
    const url = new URL(this.base);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${collection}`;
    return url;
  }

  async load(): Promise<Dataset> {
    const previous = this.last;
    const builder = new DatasetBuilder(this.description);
    const etags: Loaded['etags'] = {};
    const unchanged: (keyof Dataset)[] = [];
    for (const collection of COLLECTIONS) {
      const etag = previous?.etags[collection];
      const first = await this.http.get(this.collectionUrl(collection), `GET ${collection}`, etag);
      if (first.status === 304) {
        if (!previous || !etag) throw new HttpSourceError(`GET ${collection}: HTTP 304 to a request that was not conditional`, 304);
        etags[collection] = etag;
        unchanged.push(collection);
        this.reuse(builder, collection, previous.dataset);
        continue;
      }
      if (first.etag) etags[collection] = first.etag;
      if (collection === 'organization') {
        const value = parse(builder, collection, first.text, 1);
        if (value.ok) builder.setOrganization(value.value);
      } else {
        await this.readPages(builder, collection, first.text);
      }
    }
    if (previous && unchanged.length === COLLECTIONS.length) {
      this.options.log?.debug({ source: this.description }, 'data source: nothing changed (every collection 304)');
      return previous.dataset;
    }
    let dataset: Dataset;
    try {
      dataset = builder.finish();
    } catch (e) {
      throw e instanceof DatasetError ? byCollection(e) : e;
    }
    // only a load that validated moves the ETags: a 304 must always mean "as in `dataset`"
    this.last = { dataset, etags };
    this.options.log?.debug({ source: this.description, unchanged }, 'data source: loaded');
    return dataset;
  }

  private reuse(builder: DatasetBuilder, collection: keyof Dataset, dataset: Dataset): void {
    if (collection === 'organization') builder.setOrganization(dataset.organization);
    else {
      const collector = builder.collectors[collection];
      dataset[collection].forEach((record, i) => collector.add(record, i + 1));
    }
  }

  /** Follows nextLink from page to page, feeding each record, numbered across pages, to its collector. */
  private async readPages(builder: DatasetBuilder, collection: RecordFile, firstText: string): Promise<void> {
    const collector = builder.collectors[collection];
    const seen = new Set<string>();
    let text = firstText;
    let pageUrl = this.collectionUrl(collection);
    let position = 0;
    for (let pageNo = 1; ; pageNo++) {
      const json = parse(builder, collection, text, pageNo);
      if (!json.ok) return;
      const page = readPage(json.value, pageUrl);
      if (!page.ok) {
        fail(builder, collection, `page ${pageNo}: ${page.message}`);
        return;
      }
      for (const record of page.records) collector.add(record, ++position);
      if (!page.next) return;
      if (page.next.origin !== this.base.origin) {
        // the token is for this API only
        fail(builder, collection, `page ${pageNo}: nextLink leads to ${page.next.origin}, not ${this.base.origin}: not followed`);
        return;
      }
      if (seen.has(page.next.href)) {
        fail(builder, collection, `page ${pageNo}: nextLink repeats an earlier page: not followed`);
        return;
      }
      seen.add(page.next.href);
      pageUrl = page.next;
      const next = await this.http.get(pageUrl, `GET ${collection} (page ${pageNo + 1})`);
      if (next.status === 304) throw new HttpSourceError(`GET ${collection} (page ${pageNo + 1}): HTTP 304 to a request that was not conditional`, 304);
      text = next.text;
    }
  }
}

function parse(builder: DatasetBuilder, collection: keyof Dataset, text: string, pageNo: number): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const at = locateJsonError(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    const reason = (e as Error).message.replace(/\s+/g, ' ').slice(0, 160);
    fail(builder, collection, `${collection === 'organization' ? 'the answer' : `page ${pageNo}`} is not valid JSON${where}: ${reason}`);
    return { ok: false };
  }
}

/** A collection that could not be read whole: reported, and not used to check references. */
function fail(builder: DatasetBuilder, collection: keyof Dataset, message: string): void {
  builder.problems.add({ file: collection, message });
  if (collection !== 'organization') builder.unavailable(collection);
}
