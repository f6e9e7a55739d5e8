import { FileDataSource } from '../../src/data/file-source';
import { HttpSourceError, type HttpPolicy } from '../../src/data/http-request';
import { HttpDataSource } from '../../src/data/http-source';
import { DatasetError, type DatasetProblem } from '../../src/data/source';
import { TokenError, type TokenProvider } from '../../src/data/token-provider';
import type { Dataset } from '../../src/domain/records';
import { OrgHolder } from '../../src/server/org-holder';
import { startCustomerApi, type CustomerApi, type CustomerApiOptions } from '../support/customer-api-stand-in';
import { SAMPLE_DIR } from '../support/sample-org';
import { captureLogger } from '../server/helpers/capture-logger';

/** Tokens `token-1`, `token-2`…: a new one on the first call and whenever `fresh` is asked. */
function fakeTokens(): TokenProvider & { calls: boolean[] } {
  let issued = 0;
  let current: string | undefined;
  const calls: boolean[] = [];
  return {
    description: 'fake authority',
    calls,
    getToken(fresh = false) {
      calls.push(fresh);
      if (fresh || !current) current = `token-${++issued}`;
      return Promise.resolve(current);
    },
  };
}

let api: CustomerApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const fromFiles = (): Promise<Dataset> => new FileDataSource(SAMPLE_DIR).load();

/** The stand-in API, and a source on it whose waits between retries are recorded, not slept. */
async function setUp(options: CustomerApiOptions = {}, policy: Partial<HttpPolicy> = {}) {
  api = await startCustomerApi(options);
  const tokens = fakeTokens();
  const waits: number[] = [];
  const log = captureLogger();
  const source = new HttpDataSource({
    url: api.url,
    tokens,
    policy: { timeoutMs: 5000, retries: 3, baseDelayMs: 100, maxDelayMs: 1000, ...policy },
    log: log.logger,
    deps: {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      random: () => 1, // the top of the jitter range: waits are exact
    },
  });
  return { api, source, tokens, waits, log };
}

async function problemsOf(source: HttpDataSource): Promise<DatasetProblem[]> {
  try {
    await source.load();
  } catch (e) {
    if (e instanceof DatasetError) return [...e.problems];
    throw e;
  }
  throw new Error('the source loaded without a problem');
}

const statuses = (api: CustomerApi, collection: string) => api.requestsOf(collection).map((r) => r.status);

describe('HttpDataSource: what it loads', () => {
  it('loads the same organization as the file source from the same data, with the token on every request', async () => {
    const { api, source } = await setUp();
    expect(await source.load()).toEqual(await fromFiles());
    expect(source.description).toBe(`http:${api.url}`);
    expect(api.requests.length).toBeGreaterThan(11);
    expect(new Set(api.requests.map((r) => r.token))).toEqual(new Set(['token-1']));
  });

  it.each(['nextLink', '@odata.nextLink', 'relative'] as const)('follows %s from page to page, in order', async (links) => {
    const { api, source } = await setUp({ pageSize: 4, links });
    const dataset = await source.load();
    expect(dataset.users).toEqual((await fromFiles()).users);
    expect(api.requestsOf('users').map((r) => r.page)).toEqual([1, 2, 3, 4, 5]); // 18 users, 4 a page
    expect(api.requestsOf('consumption')).toHaveLength(25); // 100 records
  });

  it('reports bad records naming the collection, the record and the field, as the file source does', async () => {
    const { api, source } = await setUp({ pageSize: 7 });
    api.edit('users', (users) => {
      const user = users.find((u) => u.id === 'u-mario-rossi');
      if (user) user.email = 'not-an-address';
    });
    api.edit('consumption', (records) => {
      const ninth = records[9];
      if (ninth) ninth.quantity = '30';
    });
    api.edit('memberships', (memberships) => {
      const first = memberships[0];
      if (first) first.userId = 'u-nobody';
    });
    const problems = await problemsOf(source);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'users', record: 'u-mario-rossi', field: 'email', message: expect.stringMatching(/e-?mail/i) as string },
        { file: 'consumption', record: 'cr-010', field: 'quantity', message: expect.stringMatching(/expected number, found "30" \(#10\)/) as string },
        expect.objectContaining({ file: 'memberships', field: 'userId', message: 'unknown id "u-nobody": not in users' }),
      ]),
    );
    expect(problems.map((p) => p.file).every((f) => !f.includes('.json'))).toBe(true);
  });

  it('reports a page that is not JSON or not a page, naming the collection and the page', async () => {
    const { api, source } = await setUp({ pageSize: 50 });
    api.fault('users', { text: '{"value": [,' });
    api.replace('groups', { items: [] });
    api.fault('cases', { text: JSON.stringify({ value: [], nextLink: 'https://elsewhere.example/cases?page=2' }) });
    const problems = await problemsOf(source);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'users', message: expect.stringMatching(/^page 1 is not valid JSON at line 1, column \d+/) as string },
        { file: 'groups', message: expect.stringMatching(/^page 1: expected \{ "value": \[records\].*found an object without a "value" array/) as string },
        { file: 'cases', message: expect.stringMatching(/nextLink leads to https:\/\/elsewhere\.example.*not followed/) as string },
      ]),
    );
    expect(api.requests.some((r) => r.collection === 'cases' && r.page === 2)).toBe(false);
  });
});

describe('HttpDataSource: refresh with ETags', () => {
  it('asks each collection with If-None-Match; when all are 304 it downloads nothing and returns the same data', async () => {
    const { api, source } = await setUp({ pageSize: 4 });
    const first = await source.load();
    const before = api.requests.length;

    const second = await source.load();
    expect(second).toBe(first);
    const refresh = api.requests.slice(before);
    expect(refresh).toHaveLength(11); // one request per collection, no further pages
    expect(refresh.every((r) => r.status === 304 && r.page === 1 && r.ifNoneMatch !== undefined)).toBe(true);
  });

  it('downloads only the collection that changed and keeps the others from the last load', async () => {
    const { api, source } = await setUp({ pageSize: 4 });
    const first = await source.load();
    api.edit('users', (users) => {
      const user = users.find((u) => u.id === 'u-mario-rossi');
      if (user) user.displayName = 'Mario Rossi Jr.';
    });
    const before = api.requests.length;

    const second = await source.load();
    const refresh = api.requests.slice(before);
    expect(refresh.filter((r) => r.status === 200).map((r) => `${r.collection}#${r.page}`)).toEqual([
      'users#1',
      'users#2',
      'users#3',
      'users#4',
      'users#5',
    ]);
    expect(second).not.toBe(first);
    expect(second.users.find((u) => u.id === 'u-mario-rossi')?.displayName).toBe('Mario Rossi Jr.');
    expect(second.consumption).toEqual(first.consumption);
  });

  it('behind the holder: an unchanged refresh keeps the same index; a change swaps in a new one', async () => {
    const { api, source, log } = await setUp();
    const holder = new OrgHolder(source);
    const first = await holder.load();

    await holder.reload(log.logger);
    expect(holder.current()).toBe(first); // not rebuilt
    expect(await holder.check()).toMatchObject({ version: 1 });

    api.edit('packages', (packages) => {
      const pkg = packages[0];
      if (pkg) pkg.name = 'Renamed package';
    });
    await holder.reload(log.logger);
    expect(holder.current()).not.toBe(first);
    expect(await holder.check()).toMatchObject({ version: 2 });
  });

  it('a refresh that fails validation moves no ETag: the next one downloads the fixed collection again', async () => {
    const { api, source } = await setUp();
    await source.load();
    api.edit('users', (users) => {
      const user = users.find((u) => u.id === 'u-mario-rossi');
      if (user) user.accountType = 'guest';
    });
    await expect(source.load()).rejects.toThrow(DatasetError);
    api.edit('users', (users) => {
      const user = users.find((u) => u.id === 'u-mario-rossi');
      if (user) user.accountType = 'work';
    });
    const before = api.requests.length;
    expect((await source.load()).users).toEqual((await fromFiles()).users);
    expect(api.requests.slice(before).find((r) => r.collection === 'users')?.status).toBe(200);
  });
});

describe('HttpDataSource: faults', () => {
  it('retries network errors and 5xx with exponential backoff, and honours a 429 Retry-After', async () => {
    const { api, source, waits, log } = await setUp();
    api.fault('users', { status: 503 }, { reset: true }, { status: 429, retryAfter: '2' });
    expect(await source.load()).toEqual(await fromFiles());
    expect(statuses(api, 'users')).toEqual([503, 'reset', 429, 200, 200, 200, 200]);
    expect(waits).toEqual([100, 200, 2000]);
    const retries = log.lines.filter((l) => l.msg === 'data source request failed: retrying');
    expect(retries.map((l) => l.reason)).toEqual([
      'HTTP 503 Service Unavailable',
      expect.stringMatching(/^network error \(.*(closed|reset)/) as string,
      'HTTP 429 Too Many Requests',
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('token-1');
  });

  it('gives up after the retries with an error naming the request and why; the holder keeps the previous version', async () => {
    const { api, source, log } = await setUp({}, { retries: 2 });
    const holder = new OrgHolder(source);
    const first = await holder.load();
    api.fault('contracts', { status: 503 }, { status: 502 }, { status: 500 });

    await holder.reload(log.logger);
    expect(holder.current()).toBe(first);
    const status = await holder.check();
    expect(status.lastReloadError).toBe(`GET contracts (${api.url}/contracts): HTTP 500 Internal Server Error, 3 attempts`);
    expect(log.lines.find((l) => l.msg === 'data reload failed: keeping the previous version')?.reason).toBe(status.lastReloadError);
  });

  it('does not hold the load for a Retry-After longer than it allows', async () => {
    const { api, source, waits } = await setUp({}, { maxRetryAfterMs: 60_000 });
    api.fault('users', { status: 429, retryAfter: '3600' });
    await expect(source.load()).rejects.toThrow(/GET users .*HTTP 429.*asked to retry after 3600 s \(longer than 60 s\)/);
    expect(waits).toEqual([]);
  });

  it('times out a request that does not answer, and retries it', async () => {
    const { api, source } = await setUp({ pageSize: 50 }, { timeoutMs: 150 });
    api.fault('workspaces', { hang: true });
    expect(await source.load()).toEqual(await fromFiles());
    expect(statuses(api, 'workspaces')).toEqual(['hung', 200]);
  });

  it('fails with the timeout when no attempt answers', async () => {
    const { api, source } = await setUp({ pageSize: 50 }, { timeoutMs: 150, retries: 1 });
    api.fault('workspaces', { hang: true }, { hang: true });
    await expect(source.load()).rejects.toThrow(`GET workspaces (${api.url}/workspaces): no complete answer within 150 ms, 2 attempts`);
  });

  it('fails at once, with a hint, on 403 and 404', async () => {
    const { api, source, waits } = await setUp();
    api.fault('cases', { status: 403 });
    await expect(source.load()).rejects.toThrow(/GET cases .*HTTP 403 Forbidden: the app is not allowed to read this/);
    api.fault('cases', { status: 404 });
    await expect(source.load()).rejects.toThrow(/GET cases .*HTTP 404 Not Found: not found/);
    expect(waits).toEqual([]);
  });
});

describe('HttpDataSource: the access token', () => {
  it('gets a fresh token once when the API refuses the cached one', async () => {
    const { api, source, tokens, waits } = await setUp();
    await source.load();
    api.authorize = (token) => token === 'token-2'; // token-1 revoked

    await source.load();
    expect(tokens.calls.filter((fresh) => fresh)).toHaveLength(1);
    const organization = api.requestsOf('organization');
    expect(organization.map((r) => [r.status, r.token])).toEqual([
      [200, 'token-1'],
      [401, 'token-1'],
      [304, 'token-2'],
    ]);
    expect(api.requests.at(-1)?.token).toBe('token-2');
    expect(waits).toEqual([]);
  });

  it('fails clearly when a fresh token is refused too', async () => {
    const { api, source, tokens } = await setUp();
    api.authorize = () => false;
    await expect(source.load()).rejects.toThrow(
      /GET organization .*HTTP 401 Unauthorized: the API refused the access token, a freshly issued one too/,
    );
    expect(tokens.calls).toEqual([false, true]);
  });

  it('passes on why no token could be had, without retrying', async () => {
    api = await startCustomerApi();
    const failing = new HttpDataSource({
      url: api.url,
      tokens: { description: 'x', getToken: () => Promise.reject(new TokenError('cannot get an access token from x: invalid_client')) },
    });
    await expect(failing.load()).rejects.toThrow(TokenError);
    await expect(failing.load()).rejects.toThrow('cannot get an access token from x: invalid_client');
    expect(api.requests).toEqual([]);
  });

  it('says which request failed when the error is the transport', async () => {
    const { api, source } = await setUp({}, { retries: 0 });
    api.fault('organization', { status: 503 });
    const error = await source.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpSourceError);
    expect((error as HttpSourceError).message).toBe(`GET organization (${api.url}/organization): HTTP 503 Service Unavailable, 1 attempt`);
  });
});
