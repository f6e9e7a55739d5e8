// Uploads a file into a OneDrive upload session (the `uploadUrl` Teams hands over when someone
// accepts a file consent card), as the session expects: byte ranges PUT in order with
// `Content-Range: bytes a-b/total`, each chunk a multiple of 320 KiB (the last one excepted) and at
// most 8 MiB here, resumed from the `nextExpectedRanges` the session reports, 5xx and 429 retried
// with a bounded backoff. Plain fetch: no SDK, no token (the URL carries its own authorization, and
// OneDrive refuses a PUT that also sends an Authorization header).

/** OneDrive's unit: every chunk but the last is a multiple of it. */
export const CHUNK_UNIT = 320 * 1024;
/** The largest chunk we send: 25 units (8,000 KiB), within 8 MiB. */
export const MAX_CHUNK = Math.floor((8 * 1024 * 1024) / CHUNK_UNIT) * CHUNK_UNIT;
export const DEFAULT_CHUNK = 10 * CHUNK_UNIT;

/** The bytes to upload, read a range at a time ([start, end), end exclusive). */
export interface UploadSource {
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export const bufferSource = (bytes: Uint8Array): UploadSource => ({
  size: bytes.byteLength,
  read: (start, end) => Promise.resolve(bytes.subarray(start, end)),
});

export interface UploadOptions {
  /** Bytes per PUT: a positive multiple of CHUNK_UNIT, at most MAX_CHUNK. */
  chunkSize?: number;
  /** Retries of one request after a 5xx, a 429 or a network error, before giving up. */
  maxRetries?: number;
  /** First wait before a retry, doubled each time up to maxBackoffMs (a Retry-After wins, capped too). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per request. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface UploadResult {
  /** The final answer's status (200 or 201) and body (the drive item, when it is JSON). */
  status: number;
  item: unknown;
  /** Requests made (PUTs and status GETs) and how many of them were retries. */
  requests: number;
  retries: number;
}

export type UploadFailure = 'session-gone' | 'rejected' | 'retries-exhausted' | 'no-progress';

/** Why an upload stopped; nothing of the session (URL, body) is kept in the message. */
export class UploadError extends Error {
  constructor(
    readonly reason: UploadFailure,
    readonly status?: number,
  ) {
    super(`upload ${reason}${status === undefined ? '' : ` (HTTP ${status})`}`);
    this.name = 'UploadError';
  }
}

/** The next range the session wants: its start and, when it says so, its last byte. */
interface Expected {
  start: number;
  last?: number;
}

/** `["26-"]`, `["0-1023", "4096-"]`: the first range, if it is one within the file. */
export function firstExpectedRange(body: unknown, size: number): Expected | undefined {
  const ranges = body && typeof body === 'object' ? (body as { nextExpectedRanges?: unknown }).nextExpectedRanges : undefined;
  const first: unknown = Array.isArray(ranges) ? ranges[0] : undefined;
  const match = typeof first === 'string' ? /^(\d+)-(\d*)$/.exec(first.trim()) : null;
  if (!match) return undefined;
  const start = Number(match[1]);
  const last = match[2] ? Number(match[2]) : undefined;
  if (start >= size || (last !== undefined && last < start)) return undefined;
  return last === undefined ? { start } : { start, last: Math.min(last, size - 1) };
}

/** Seconds or an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const retryable = (status: number): boolean => status >= 500 || status === 429;

function checkChunkSize(chunk: number): void {
  if (!Number.isInteger(chunk) || chunk <= 0 || chunk % CHUNK_UNIT !== 0 || chunk > MAX_CHUNK) {
    throw new RangeError(`chunk size must be a positive multiple of ${CHUNK_UNIT} bytes, at most ${MAX_CHUNK}`);
  }
}

/**
 * Sends `source` into the upload session at `uploadUrl`; resolves when the session answers 200/201
 * (the file is complete), rejects with an UploadError otherwise. Bounded: a request is retried at
 * most `maxRetries` times in a row, and a session that stops moving forward ends the upload.
 */
export async function uploadToSession(uploadUrl: string, source: UploadSource, options: UploadOptions = {}): Promise<UploadResult> {
  const chunk = options.chunkSize ?? DEFAULT_CHUNK;
  checkChunkSize(chunk);
  const size = source.size;
  if (!Number.isInteger(size) || size <= 0) throw new RangeError('an upload session takes at least one byte');
  const maxRetries = options.maxRetries ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 8000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;

  let requests = 0;
  let retries = 0;
  let failuresInRow = 0;
  let stalls = 0;
  let next: Expected = { start: 0 };

  /** One failed attempt (5xx, 429, network): wait, or give up once the retries are spent. */
  const waitBeforeRetry = async (status: number | undefined, retryAfter: string | null): Promise<void> => {
    failuresInRow += 1;
    if (failuresInRow > maxRetries) throw new UploadError('retries-exhausted', status);
    retries += 1;
    const backoff = Math.min(maxBackoffMs, backoffMs * 2 ** (failuresInRow - 1));
    await sleep(Math.min(maxBackoffMs, retryAfterMs(retryAfter) ?? backoff));
  };

  /** After a failure or a 416: where the session stands (GET on the session URL); undefined when it does not say. */
  const askSession = async (): Promise<Expected | undefined> => {
    requests += 1;
    try {
      const response = await doFetch(uploadUrl, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
      const body = await jsonOf(response);
      return response.ok ? firstExpectedRange(body, size) : undefined;
    } catch {
      return undefined;
    }
  };

  for (;;) {
    const start = next.start;
    const end = Math.min(start + chunk, size, next.last === undefined ? size : next.last + 1);
    const bytes = await source.read(start, end);
    requests += 1;
    let response: Response;
    try {
      response = await doFetch(uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Range': `bytes ${start}-${end - 1}/${size}`, 'Content-Type': 'application/octet-stream' },
        body: bytes,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      await waitBeforeRetry(undefined, null);
      next = (await askSession()) ?? next;
      continue;
    }
    const status = response.status;
    if (status === 200 || status === 201) return { status, item: await jsonOf(response), requests, retries };
    if (status === 202) {
      failuresInRow = 0;
      const expected = firstExpectedRange(await jsonOf(response), size);
      const resumed = expected ?? { start: end };
      // a session that keeps asking for what was already sent is not going anywhere
      stalls = resumed.start > start ? 0 : stalls + 1;
      if (stalls > maxRetries) throw new UploadError('no-progress', status);
      next = resumed;
      continue;
    }
    await response.body?.cancel().catch(() => undefined);
    if (status === 404 || status === 410) throw new UploadError('session-gone', status);
    if (status === 416) {
      // the range overlaps what the session already has: it says where to go on
      const expected = await askSession();
      stalls += 1;
      if (!expected || stalls > maxRetries) throw new UploadError('no-progress', status);
      next = expected;
      continue;
    }
    if (!retryable(status)) throw new UploadError('rejected', status);
    await waitBeforeRetry(status, response.headers.get('retry-after'));
    next = (await askSession()) ?? next;
  }
}
