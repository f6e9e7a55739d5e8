import { TokenError, type TokenProvider } from './token-provider';

// One GET of the customer's API, as the HTTP data source needs it: a bearer token (renewed once
// when the API refuses it), a timeout per attempt that covers the body too, and bounded retries
// with exponential backoff and jitter on network errors, timeouts, 429 and 5xx.

export interface HttpPolicy {
  /** Per attempt, from sending the request to the last byte of the body. */
  timeoutMs: number;
  /** Attempts after the first one, for the failures worth retrying. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails the load now instead of holding it (the next refresh tries again). */
  maxRetryAfterMs: number;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  timeoutMs: 30_000,
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** The part of a pino logger the source uses. */
export interface SourceLogger {
  warn(fields: Record<string, unknown>, msg: string): void;
  debug(fields: Record<string, unknown>, msg: string): void;
}

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const REAL_HTTP: HttpDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

/** The API could not be read: it refused, failed past the retries, or did not answer in time. */
export class HttpSourceError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpSourceError';
  }
}

export type GetResult = { status: 304 } | { status: 200; etag: string | undefined; text: string };

/** Scheme, host and path: a query may carry a key, so it stays out of messages and logs. */
export const shownUrl = (url: URL): string => `${url.origin}${url.pathname}`;

export class HttpGetter {
  constructor(
    private readonly policy: HttpPolicy,
    private readonly deps: HttpDeps,
    private readonly tokens: TokenProvider | undefined,
    private readonly log: SourceLogger | undefined,
  ) {}

  /** GETs `url` (named `what` in errors and logs); resolves with the body of a 200, or a 304. */
  async get(url: URL, what: string, ifNoneMatch?: string): Promise<GetResult> {
    const { policy, deps } = this;
    let renewedToken = false;
    let fresh = false;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const headers: Record<string, string> = { accept: 'application/json' };
        if (this.tokens) headers.authorization = `Bearer ${await this.tokens.getToken(fresh)}`;
        fresh = false;
        if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
        const res = await deps.fetch(url, { headers, signal: AbortSignal.timeout(policy.timeoutMs) });
        if (res.status === 304) return { status: 304 };
        if (res.ok) return { status: 200, etag: res.headers.get('etag') ?? undefined, text: await res.text() };
        const detail = await bodySnippet(res);
        if (res.status === 401 && this.tokens && !renewedToken) {
          // a revoked or stale cached token: one fresh one, and this attempt does not count
          renewedToken = fresh = true;
          attempt -= 1;
          this.log?.warn({ request: what }, 'data source: the API refused the access token, getting a fresh one');
          continue;
        }
        if (!retryable(res.status)) throw new HttpSourceError(`${what} (${shownUrl(url)}): ${refusal(res, detail)}`, res.status);
        reason = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
      } catch (e) {
        if (e instanceof HttpSourceError || e instanceof TokenError) throw e;
        reason = failureOf(e, policy.timeoutMs);
      }
      if (attempt > policy.retries) {
        throw new HttpSourceError(`${what} (${shownUrl(url)}): ${reason}, ${attempt} attempt${attempt === 1 ? '' : 's'}`);
      }
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
        throw new HttpSourceError(
          `${what} (${shownUrl(url)}): ${reason}, asked to retry after ${Math.ceil(retryAfterMs / 1000)} s (longer than ${policy.maxRetryAfterMs / 1000} s)`,
        );
      }
      const delayMs = retryAfterMs ?? this.backoff(attempt);
      this.log?.warn({ request: what, attempt, reason, retryInMs: delayMs }, 'data source request failed: retrying');
      await deps.sleep(delayMs);
    }
  }

  /** Exponential, capped, with "equal jitter": half fixed, half random, so instances spread out. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + this.deps.random() * (ceiling / 2));
  }
}

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function refusal(res: Response, detail: string): string {
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  const hint =
    res.status === 401
      ? ': the API refused the access token, a freshly issued one too (check the scope and the app registration)'
      : res.status === 403
        ? ': the app is not allowed to read this (grant it the API permission)'
        : res.status === 404
          ? ': not found (does the data URL point at the API?)'
          : '';
  return `${status}${hint}${detail ? ` — ${detail}` : ''}`;
}

async function bodySnippet(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function failureOf(e: unknown, timeoutMs: number): string {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no complete answer within ${timeoutMs} ms`;
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const parts = [cause?.code, cause?.message].filter((p): p is string => typeof p === 'string' && p !== '');
  return `network error (${parts.length > 0 ? parts.join(': ') : String(e)})`;
}
