import { randomBytes } from 'node:crypto';
import {
  bufferSource,
  CHUNK_UNIT,
  firstExpectedRange,
  MAX_CHUNK,
  uploadToSession,
  UploadError,
  type UploadOptions,
} from '../../src/reports/upload-session';
import { startUploadSessionStandIn, type UploadSessionStandIn } from '../server/helpers/upload-session-stand-in';

// The uploader against a local stand-in for a OneDrive upload session: chunked PUTs with
// Content-Range, 202 with nextExpectedRanges, 5xx retried, the file reassembled byte for byte.

let standIn: UploadSessionStandIn;
beforeAll(async () => {
  standIn = await startUploadSessionStandIn();
});
afterAll(() => standIn.close());

/** Waits asked for are recorded, not slept: the retries happen at once. */
function recordedSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

const upload = (url: string, bytes: Buffer, options: UploadOptions = {}) => uploadToSession(url, bufferSource(bytes), { sleep: () => Promise.resolve(), ...options });

describe('uploadToSession', () => {
  it('sends the file in order, in chunks of whole 320 KiB units, and the session gets it byte for byte', async () => {
    const file = randomBytes(3 * CHUNK_UNIT + 12_345);
    const session = standIn.session('pod.xlsx');
    const result = await upload(session.url, file, { chunkSize: CHUNK_UNIT });
    expect(result.status).toBe(201);
    expect(result.item).toEqual({ id: `item-${session.id}`, name: 'pod.xlsx', size: file.length });
    expect(session.complete).toBe(true);
    expect(session.bytes().equals(file)).toBe(true);
    expect(session.violations).toEqual([]);
    expect(session.requests.map((r) => r.range)).toEqual([
      { start: 0, end: CHUNK_UNIT - 1, total: file.length },
      { start: CHUNK_UNIT, end: 2 * CHUNK_UNIT - 1, total: file.length },
      { start: 2 * CHUNK_UNIT, end: 3 * CHUNK_UNIT - 1, total: file.length },
      { start: 3 * CHUNK_UNIT, end: file.length - 1, total: file.length },
    ]);
    // the upload URL carries its own authorization: no bearer token goes with it
    expect(session.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('sends a small file in one request', async () => {
    const file = Buffer.from('\uFEFFDate,Quantity\r\n2026-01-02,1.5\r\n', 'utf8');
    const session = standIn.session();
    const result = await upload(session.url, file);
    expect(result.requests).toBe(1);
    expect(session.bytes().equals(file)).toBe(true);
  });

  it('retries a 503 after a backoff and goes on from where the session stands', async () => {
    const file = randomBytes(2 * CHUNK_UNIT + 10);
    const session = standIn.session();
    session.faults.set(2, { status: 503 });
    const { waits, sleep } = recordedSleep();
    const result = await upload(session.url, file, { chunkSize: CHUNK_UNIT, sleep, backoffMs: 250 });
    expect(result.retries).toBe(1);
    expect(waits).toEqual([250]);
    expect(session.bytes().equals(file)).toBe(true);
    // the failed range is sent again after asking the session where it stands
    expect(session.requests.map((r) => `${r.method} ${r.range?.start ?? ''} ${r.status}`)).toEqual([
      `PUT 0 202`,
      `PUT ${CHUNK_UNIT} 503`,
      'GET  200',
      `PUT ${CHUNK_UNIT} 202`,
      `PUT ${2 * CHUNK_UNIT} 201`,
    ]);
  });

  it('waits what Retry-After says, within its cap', async () => {
    const session = standIn.session();
    session.faults.set(1, { status: 429, retryAfter: '3' });
    session.faults.set(2, { status: 503, retryAfter: '120' });
    const { waits, sleep } = recordedSleep();
    await upload(session.url, randomBytes(100), { sleep, maxBackoffMs: 10_000 });
    expect(waits).toEqual([3000, 10_000]);
    expect(session.complete).toBe(true);
  });

  it('resumes from nextExpectedRanges when the session kept only part of a chunk', async () => {
    const file = randomBytes(3 * CHUNK_UNIT);
    const session = standIn.session();
    session.faults.set(1, { keepOnly: 1000 });
    await upload(session.url, file, { chunkSize: 2 * CHUNK_UNIT });
    expect(session.bytes().equals(file)).toBe(true);
    expect(session.requests.map((r) => r.range?.start)).toEqual([0, 1000, 1000 + 2 * CHUNK_UNIT]);
    expect(session.violations).toEqual([]);
  });

  it('gives up after the retries it is allowed, having sent nothing more', async () => {
    const session = standIn.session();
    for (let n = 1; n <= 10; n += 1) session.faults.set(n, { status: 500 });
    const { waits, sleep } = recordedSleep();
    const failure = upload(session.url, randomBytes(100), { sleep, maxRetries: 3, backoffMs: 100 });
    await expect(failure).rejects.toEqual(new UploadError('retries-exhausted', 500));
    expect(waits).toEqual([100, 200, 400]);
    expect(session.requests.filter((r) => r.method === 'PUT')).toHaveLength(4);
    expect(session.complete).toBe(false);
  });

  it('stops at once when the session is gone or refuses the request', async () => {
    await expect(upload(`${standIn.url}/upload/no-such-session`, randomBytes(10))).rejects.toEqual(new UploadError('session-gone', 404));
    const session = standIn.session();
    session.faults.set(1, { status: 409 });
    await expect(upload(session.url, randomBytes(10))).rejects.toEqual(new UploadError('rejected', 409));
    expect(session.requests).toHaveLength(1);
  });

  it('retries a request that found no server, then gives up', async () => {
    const { waits, sleep } = recordedSleep();
    await expect(upload('http://127.0.0.1:9/upload/x', randomBytes(10), { sleep, maxRetries: 2 })).rejects.toEqual(
      new UploadError('retries-exhausted'),
    );
    expect(waits).toHaveLength(2);
  });

  it('refuses chunk sizes a session would not take', async () => {
    const url = standIn.session().url;
    for (const chunkSize of [0, CHUNK_UNIT + 1, MAX_CHUNK + CHUNK_UNIT, 1.5 * CHUNK_UNIT]) {
      await expect(upload(url, randomBytes(10), { chunkSize })).rejects.toThrow(RangeError);
    }
    expect(MAX_CHUNK % CHUNK_UNIT).toBe(0);
    expect(MAX_CHUNK).toBeLessThanOrEqual(8 * 1024 * 1024);
    await expect(upload(url, Buffer.alloc(0))).rejects.toThrow(RangeError);
  });
});

describe('firstExpectedRange', () => {
  it('reads the first range the session still wants, within the file', () => {
    expect(firstExpectedRange({ nextExpectedRanges: ['26-'] }, 100)).toEqual({ start: 26 });
    expect(firstExpectedRange({ nextExpectedRanges: ['0-9', '50-'] }, 100)).toEqual({ start: 0, last: 9 });
    expect(firstExpectedRange({ nextExpectedRanges: ['90-200'] }, 100)).toEqual({ start: 90, last: 99 });
    for (const body of [{}, { nextExpectedRanges: [] }, { nextExpectedRanges: ['x-'] }, { nextExpectedRanges: ['100-'] }, null, 'text']) {
      expect(firstExpectedRange(body, 100)).toBeUndefined();
    }
  });
});
