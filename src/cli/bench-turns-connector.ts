import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from './loopback-server';
import { text } from 'node:stream/consumers';

// The stand-in Teams connector of bench:turns (the serviceUrl of every activity): it takes the
// replies a bot posts (POST v3/conversations/{id}/activities[/{replyToId}]) and the updates it puts
// in place of one (PUT …/activities/{id}, the late answer of a slow turn), answers 200 with a
// resource id as Teams does, and hands each to whoever reads that conversation, in arrival order.
// No limit: this bench measures the bot, not Teams' throttling (bench:reminders does that).

export interface TurnsConnector {
  url: string;
  /** Resolves with the next activity posted or put to `conversationId` not read yet. */
  nextReply(conversationId: string): Promise<unknown>;
  /** Activities that arrived and were never read (after a run: replies no turn accounted for). */
  unread(): number;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;


export async function startTurnsConnector(): Promise<TurnsConnector> {
  const waiting = new Map<string, (activity: unknown) => void>();
  const arrived = new Map<string, unknown[]>();
  let posted = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await text(req);
    const match = req.method === 'POST' || req.method === 'PUT' ? ACTIVITY_PATH.exec(req.url ?? '') : null;
    if (!match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const conversationId = decodeURIComponent(match[1] ?? '');
    posted += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: req.method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `reply-${posted}` }));
    const activity: unknown = JSON.parse(body);
    const waiter = waiting.get(conversationId);
    if (waiter) {
      waiting.delete(conversationId);
      waiter(activity);
    } else {
      arrived.set(conversationId, [...(arrived.get(conversationId) ?? []), activity]);
    }
  };

  const { url, server } = await serveOnLoopback(handle);
  return {
    url,
    nextReply: (conversationId) => {
      const queued = arrived.get(conversationId);
      if (queued?.length) return Promise.resolve(queued.shift());
      return new Promise((resolve) => waiting.set(conversationId, resolve));
    },
    unread: () => [...arrived.values()].reduce((n, q) => n + q.length, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
