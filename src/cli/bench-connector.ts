import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from './loopback-server';
import { performance } from 'node:perf_hooks';
import { reminderPackageOf, type ReminderPost } from './reminder-fleet';
import { text } from 'node:stream/consumers';

// A stand-in for the Teams connector, for the reminders bench: it takes the bot's posts
// (POST v3/conversations/{id}/activities) and holds Teams' limit per bot and tenant over any window
// of one second, wherever it starts, answering 429 with Retry-After beyond it, as Teams does.

export interface BenchConnectorOptions {
  /** Requests accepted per window (Teams: 50 per second). */
  perSecond: number;
  windowMs?: number;
  /** The Retry-After of a 429, in seconds. */
  retryAfterSeconds?: number;
}

export interface AcceptedPost extends ReminderPost {
  /** performance.now() when the request arrived. */
  at: number;
}

/** A post answered 429: its channel and when it arrived (performance.now()). */
export interface RefusedPost {
  conversationId: string;
  at: number;
}

export interface BenchConnector {
  /** The serviceUrl of the subscriptions. */
  url: string;
  /** Posts accepted, in arrival order. */
  readonly accepted: AcceptedPost[];
  /** Posts answered 429, in arrival order. */
  readonly refused: RefusedPost[];
  /** Called on every accepted post. */
  onAccepted(listener: (post: AcceptedPost) => void): void;
  /** Called on every 429. */
  onRefused(listener: (post: RefusedPost) => void): void;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities$/;


export async function startBenchConnector(options: BenchConnectorOptions): Promise<BenchConnector> {
  const windowMs = options.windowMs ?? 1000;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const accepted: AcceptedPost[] = [];
  const listeners: ((post: AcceptedPost) => void)[] = [];
  const refused: RefusedPost[] = [];
  const refusedListeners: ((post: RefusedPost) => void)[] = [];
  /** Arrival times of the accepted requests still inside the window (at most perSecond). */
  const recent: number[] = [];

  /** Counts the request in the window, or says it is over the limit. */
  const admit = (now: number): boolean => {
    while (recent.length > 0 && (recent[0] ?? 0) <= now - windowMs) recent.shift();
    if (recent.length >= options.perSecond) return false;
    recent.push(now);
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = performance.now();
    const match = req.method === 'POST' ? ACTIVITY_PATH.exec(new URL(req.url ?? '/', 'http://connector').pathname) : null;
    if (!match) {
      await text(req);
      res.writeHead(404);
      res.end();
      return;
    }
    if (!admit(at)) {
      const post: RefusedPost = { conversationId: decodeURIComponent(match[1] ?? ''), at };
      refused.push(post);
      for (const listener of refusedListeners) listener(post);
      await text(req);
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
      res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'over the limit of the stand-in connector' } }));
      return;
    }
    const activity: unknown = JSON.parse(await text(req));
    const post: AcceptedPost = { conversationId: decodeURIComponent(match[1] ?? ''), packageId: reminderPackageOf(activity) ?? '', at };
    accepted.push(post);
    for (const listener of listeners) listener(post);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `activity-${accepted.length}` }));
  };

  const { url, server } = await serveOnLoopback(handle);
  return {
    url,
    accepted,
    refused,
    onAccepted: (listener) => listeners.push(listener),
    onRefused: (listener) => refusedListeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The most posts accepted within any window of `windowMs` (wherever it starts). */
export function mostInAnyWindow(posts: readonly AcceptedPost[], windowMs = 1000): number {
  const times = posts.map((p) => p.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; first < times.length; first++) {
    while (last < times.length && (times[last] ?? Infinity) < (times[first] ?? 0) + windowMs) last++;
    most = Math.max(most, last - first);
  }
  return most;
}
