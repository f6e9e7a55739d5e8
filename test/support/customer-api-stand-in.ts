import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SAMPLE_DIR } from './sample-org';

// A customer's data API on 127.0.0.1, as the HTTP data source expects it (README, "HTTP data
// source"): `GET {url}/{collection}` pages of `{ value, nextLink }`, an ETag per collection
// version and 304 to a matching If-None-Match, bearer tokens checked by the test's rule. Faults
// are queued per collection and served to its next requests; every request is recorded.

export type Collections = Record<string, unknown>;

export type Fault =
  | { status: number; retryAfter?: string; body?: string }
  /** Answers nothing until the client gives up (a timeout) or the stand-in closes. */
  | { hang: true }
  /** Drops the connection without an answer (a network error). */
  | { reset: true }
  /** A 200 whose body is this text instead of the page. */
  | { text: string };

export interface ApiRequest {
  collection: string;
  page: number;
  status: number | 'hung' | 'reset';
  token: string | undefined;
  ifNoneMatch: string | undefined;
}

export interface CustomerApiOptions {
  /** Folder in the dataset.md format; default the shipped sample. */
  dir?: string;
  /** Records per page (default 5). */
  pageSize?: number;
  /** How the next page is linked: `nextLink` (absolute, default), Graph's `@odata.nextLink`, or a relative `nextLink`. */
  links?: 'nextLink' | '@odata.nextLink' | 'relative';
}

export interface CustomerApi {
  /** The base URL to configure as DATA_URL. */
  url: string;
  requests: ApiRequest[];
  /** Which bearer tokens are accepted (default: any); anything else gets 401. */
  authorize: (token: string | undefined) => boolean;
  /** Changes a collection: it gets a new ETag. */
  edit(collection: string, change: (records: Record<string, unknown>[]) => void): void;
  /** Replaces a collection's whole content (any JSON, valid or not). */
  replace(collection: string, content: unknown): void;
  /** Serves these faults, in order, to the next requests of the collection. */
  fault(collection: string, ...faults: Fault[]): void;
  /** Requests of one collection (every page, every attempt). */
  requestsOf(collection: string): ApiRequest[];
  close(): Promise<void>;
}

export function readDatasetFolder(dir: string): Collections {
  const json = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const names = ['organization', 'users', 'contracts', 'workspaces', 'memberships', 'groups', 'packages', 'entitlements', 'cases', 'training'];
  const out: Collections = Object.fromEntries(names.map((n) => [n, json(`${n}.json`)]));
  out.consumption = readFileSync(join(dir, 'consumption.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
  return out;
}

const BASE_PATH = '/customer/api/v1';

export async function startCustomerApi(options: CustomerApiOptions = {}): Promise<CustomerApi> {
  const data = readDatasetFolder(options.dir ?? SAMPLE_DIR);
  const pageSize = options.pageSize ?? 5;
  const versions = new Map<string, number>();
  const faults = new Map<string, Fault[]>();
  const requests: ApiRequest[] = [];
  let url = '';

  const etagOf = (collection: string): string =>
    `"${createHash('sha256').update(JSON.stringify(data[collection])).update(String(versions.get(collection) ?? 0)).digest('hex').slice(0, 16)}"`;

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const api: CustomerApi = {
    url: '',
    requests,
    authorize: (token) => token !== undefined && token !== '',
    edit(collection, change) {
      const records = data[collection];
      if (!Array.isArray(records)) throw new Error(`${collection} is not an array`);
      change(records as Record<string, unknown>[]);
      versions.set(collection, (versions.get(collection) ?? 0) + 1);
    },
    replace(collection, content) {
      data[collection] = content;
      versions.set(collection, (versions.get(collection) ?? 0) + 1);
    },
    fault(collection, ...more) {
      faults.set(collection, [...(faults.get(collection) ?? []), ...more]);
    },
    requestsOf: (collection) => requests.filter((r) => r.collection === collection),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const at = new URL(req.url ?? '/', url);
    const collection = at.pathname.startsWith(`${BASE_PATH}/`) ? at.pathname.slice(BASE_PATH.length + 1) : '';
    const page = Number(at.searchParams.get('page') ?? '1');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const ifNoneMatch = req.headers['if-none-match'];
    const record = (status: ApiRequest['status']): void => {
      requests.push({ collection, page, status, token, ifNoneMatch });
    };

    const fault = faults.get(collection)?.shift();
    if (fault && 'hang' in fault) {
      record('hung');
      return; // the socket closes when the client aborts or the stand-in stops
    }
    if (fault && 'reset' in fault) {
      record('reset');
      req.socket.destroy();
      return;
    }
    if (fault && 'status' in fault) {
      record(fault.status);
      send(res, fault.status, fault.body ?? JSON.stringify({ error: { code: 'injected', message: `injected ${fault.status}` } }), {
        ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
      });
      return;
    }
    if (!api.authorize(token)) {
      record(401);
      send(res, 401, JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is invalid.' } }), {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
      return;
    }
    if (!(collection in data) || req.method !== 'GET') {
      record(404);
      send(res, 404, JSON.stringify({ error: { code: 'NotFound', message: `no collection ${collection}` } }));
      return;
    }
    const etag = etagOf(collection);
    if (page === 1 && ifNoneMatch === etag) {
      record(304);
      res.writeHead(304, { etag }); // not chained: restify, loaded by other tests, patches writeHead to return nothing
      res.end();
      return;
    }
    record(200);
    const headers: Record<string, string> = page === 1 ? { etag } : {};
    if (fault && 'text' in fault) return send(res, 200, fault.text, headers);
    const content = data[collection];
    if (!Array.isArray(content)) return send(res, 200, JSON.stringify(content), headers);
    const value = content.slice((page - 1) * pageSize, page * pageSize);
    const more = page * pageSize < content.length;
    const nextPath = `${BASE_PATH}/${collection}?page=${page + 1}`;
    const link =
      options.links === 'relative' ? `${collection}?page=${page + 1}` : `${new URL(nextPath, url).href}`;
    const body = { value, ...(more ? { [options.links === '@odata.nextLink' ? '@odata.nextLink' : 'nextLink']: link } : {}) };
    send(res, 200, JSON.stringify(body), headers);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.url = `${url}${BASE_PATH}`;
  return api;
}
