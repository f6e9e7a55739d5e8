import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from './loopback-server';
import { text } from 'node:stream/consumers';

// The stand-in Teams connector of bench:turns (the serviceUrl of every activity): it takes the
// replies a bot posts (POST v3/conversations/{id}/activities[/{replyToId}]) and the updates it puts
// in place of one (PUT …/activities/{id}, the late answer of a slow turn), answers 200 with a
// resource id as Teams does, and hands each to whoever waits for the answers to that message (its
// replyToId; an update goes to whoever got the activity it replaces), in arrival order.
// No limit: this bench measures the bot, not Teams' throttling (bench:reminders does that).

export interface TurnsConnector {
  url: string;
  /**
   * Resolves with the next activity not read yet that answers the message `messageId`: posted in
   * reply to it, or put in place of such a reply.
   */
  nextReply(messageId: string): Promise<unknown>;
  /** Activities that arrived and were never read (after a run: replies no turn accounted for). */
  unread(): number;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;


export async function startTurnsConnector(): Promise<TurnsConnector> {
  const waiting = new Map<string, (activity: unknown) => void>();
  const arrived = new Map<string, unknown[]>();
  /** Reply id → the message it answers. */
  const answering = new Map<string, string>();
  let posted = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await text(req);
    const match = req.method === 'POST' || req.method === 'PUT' ? ACTIVITY_PATH.exec(req.url ?? '') : null;
    if (!match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const target = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    // a reply names the message it answers; an update names a reply made before
    const messageId = req.method === 'PUT' ? (target && answering.get(target)) : target;
    posted += 1;
    const id = req.method === 'PUT' ? (target ?? '') : `reply-${posted}`;
    if (req.method === 'POST' && messageId) answering.set(id, messageId);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
    const activity: unknown = JSON.parse(body);
    const key = messageId ?? '(none)';
    const waiter = waiting.get(key);
    if (waiter) {
      waiting.delete(key);
      waiter(activity);
    } else {
      arrived.set(key, [...(arrived.get(key) ?? []), activity]);
    }
  };

  const { url, server } = await serveOnLoopback(handle);
  return {
    url,
    nextReply: (messageId) => {
      const queued = arrived.get(messageId);
      if (queued?.length) return Promise.resolve(queued.shift());
      return new Promise((resolve) => waiting.set(messageId, resolve));
    },
    unread: () => [...arrived.values()].reduce((n, q) => n + q.length, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
