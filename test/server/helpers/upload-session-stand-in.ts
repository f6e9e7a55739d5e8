import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from '../../../src/cli/loopback-server';
import { buffer } from 'node:stream/consumers';

/** One request the stand-in got on a session, as it answered it. */
export interface SessionRequest {
  method: string;
  /** `Content-Range` of a PUT, parsed; absent on a GET. */
  range?: { start: number; end: number; total: number };
  length: number;
  status: number;
  authorization?: string;
}

/** What to do with the n-th PUT of a session (1-based): fail it, keep only part of it, or answer it only once `until` resolves. */
export type PutFault = { status: number; retryAfter?: string } | { keepOnly: number } | { until: Promise<void> };

export interface StandInSession {
  id: string;
  /** The uploadUrl to hand to the bot. */
  url: string;
  requests: SessionRequest[];
  /** Chunk rules the uploader broke: not a multiple of 320 KiB (but the last), over 8 MiB, out of order. */
  violations: string[];
  /** The file as received so far, in order. */
  bytes(): Buffer;
  complete: boolean;
  /** Sets what the n-th PUT gets instead of the normal answer. */
  faults: Map<number, PutFault>;
}

export interface UploadSessionStandIn {
  url: string;
  /** Opens a session as OneDrive does for an accepted file consent card. */
  session(name?: string): StandInSession;
  sessions: Map<string, StandInSession>;
  /** Every request to any session, in arrival order. */
  all(): SessionRequest[];
  close(): Promise<void>;
}

const UNIT = 320 * 1024;
const MAX = 8 * 1024 * 1024;
const SESSION_PATH = /^\/upload\/([^/]+)$/;


interface State extends StandInSession {
  name: string;
  received: Buffer[];
  size: number;
  total?: number;
  puts: number;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * A local stand-in for OneDrive upload sessions: takes chunked PUTs with `Content-Range`, answers
 * 202 with `nextExpectedRanges` until the last byte, then 201 with a drive item; GET on the session
 * says where it stands. Faults per PUT play a 503 to retry or a chunk kept only in part (the
 * uploader must resume from `nextExpectedRanges`). It checks the chunk rules as it goes.
 */
export async function startUploadSessionStandIn(): Promise<UploadSessionStandIn> {
  const sessions = new Map<string, State>();
  const log: SessionRequest[] = [];
  let counter = 0;

  const expected = (s: State): string[] => [`${s.size}-`];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await buffer(req);
    const match = SESSION_PATH.exec(new URL(req.url ?? '/', 'http://upload').pathname);
    const s = match ? sessions.get(decodeURIComponent(match[1] ?? '')) : undefined;
    const record = (entry: Omit<SessionRequest, 'authorization'>): void => {
      const full = { ...entry, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
      s?.requests.push(full);
      log.push(full);
    };
    if (!s) {
      json(res, 404, { error: { code: 'itemNotFound' } });
      return;
    }
    if (req.method === 'GET') {
      record({ method: 'GET', length: 0, status: 200 });
      json(res, 200, { expirationDateTime: '2099-01-01T00:00:00Z', nextExpectedRanges: s.complete ? [] : expected(s) });
      return;
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
    if (req.method !== 'PUT' || !range) {
      record({ method: req.method ?? '?', length: body.length, status: 400 });
      json(res, 400, { error: { code: 'invalidRequest' } });
      return;
    }
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    s.puts += 1;
    const fault = s.faults.get(s.puts);
    if (fault && 'until' in fault) await fault.until;
    if (fault && 'status' in fault) {
      record({ method: 'PUT', range: { start, end, total }, length: body.length, status: fault.status });
      json(res, fault.status, { error: { code: 'serviceNotAvailable' } }, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
      return;
    }
    const last = end === total - 1;
    if (body.length !== end - start + 1) s.violations.push(`PUT ${start}-${end}: ${body.length} bytes in the body`);
    if (!last && body.length % UNIT !== 0) s.violations.push(`PUT ${start}-${end}: ${body.length} bytes is not a multiple of 320 KiB`);
    if (body.length > MAX) s.violations.push(`PUT ${start}-${end}: ${body.length} bytes is over 8 MiB`);
    if (s.total !== undefined && s.total !== total) s.violations.push(`PUT ${start}-${end}: total ${total} after ${s.total}`);
    s.total = total;
    if (start !== s.size) {
      record({ method: 'PUT', range: { start, end, total }, length: body.length, status: 416 });
      json(res, 416, { error: { code: 'invalidRange' } });
      return;
    }
    const kept = fault && 'keepOnly' in fault ? body.subarray(0, fault.keepOnly) : body;
    s.received.push(kept);
    s.size += kept.length;
    if (s.size === total) {
      s.complete = true;
      record({ method: 'PUT', range: { start, end, total }, length: body.length, status: 201 });
      json(res, 201, { id: `item-${s.id}`, name: s.name, size: total });
      return;
    }
    record({ method: 'PUT', range: { start, end, total }, length: body.length, status: 202 });
    json(res, 202, { expirationDateTime: '2099-01-01T00:00:00Z', nextExpectedRanges: expected(s) });
  };

  const { url, server } = await serveOnLoopback(handle, { closeEachConnection: true });

  return {
    url,
    sessions,
    session(name = 'file') {
      counter += 1;
      const id = `session-${counter}`;
      const state: State = {
        id,
        name,
        url: `${url}/upload/${id}`,
        requests: [],
        violations: [],
        received: [],
        size: 0,
        puts: 0,
        complete: false,
        faults: new Map(),
        bytes: () => Buffer.concat(state.received),
      };
      sessions.set(id, state);
      return state;
    },
    all: () => [...log],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
