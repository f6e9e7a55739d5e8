import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from '../../../src/cli/loopback-server';
import { text } from 'node:stream/consumers';

/** One activity the bot sent to the connector (the Bot Connector REST API of Teams). */
export interface ReceivedActivity {
  method: string;
  /** Decoded path parameters: POST v3/conversations/{conversationId}/activities[/{activityId}]. */
  conversationId: string;
  replyToActivityId?: string;
  authorization?: string;
  activity: {
    type?: string;
    text?: string;
    replyToId?: string;
    conversation?: { id?: string };
    recipient?: { id?: string; aadObjectId?: string };
    from?: { id?: string };
    attachments?: unknown[];
    [key: string]: unknown;
  };
}

/** A conversation the bot asked the connector to create (a personal chat opened proactively). */
export interface CreatedConversation {
  id: string;
  members: { id?: string; aadObjectId?: string }[];
  tenantId?: string;
}

export interface StandInConnector {
  /** The serviceUrl to put on incoming activities. */
  url: string;
  /** Activities posted (POST) and updated (PUT), in arrival order. */
  received: ReceivedActivity[];
  created: CreatedConversation[];
  /** Resolves with the n-th activity (1-based) the bot sends, as soon as it arrives. */
  nthActivity(n: number): Promise<ReceivedActivity>;
  /**
   * Decides the answer to each posted or updated activity before it is recorded: a status other
   * than 2xx (with headers, e.g. Retry-After) refuses it, as Teams does with 429, 5xx or 403.
   * Refused activities are kept in `refused`, not in `received`. Undefined: accept (the default).
   */
  respondWith(responder: ((activity: ReceivedActivity) => { status: number; headers?: Record<string, string> } | undefined) | undefined): void;
  refused: (ReceivedActivity & { status: number })[];
  /**
   * Activities for which `predicate` holds are taken and never answered (a connector that hangs):
   * kept in `unanswered`, not in `received`, their connection left open until the bot gives up on
   * it or `close()`. Undefined: answer everything again.
   */
  neverAnswer(predicate: ((activity: ReceivedActivity) => boolean) | undefined): void;
  unanswered: ReceivedActivity[];
  /** From now on the connector answers activities only when `release()` is called (a slow channel). */
  holdResponses(): { release: () => void };
  /** Releases held responses, then closes once every request is answered (no retries left behind). */
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBER_PATH = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;


/**
 * A local stand-in for the Teams connector service (the activity's serviceUrl): it takes the bot's
 * messages as Teams would (POST .../activities[/{replyToId}] answered with a resource id, PUT
 * .../activities/{id} to update one), creates conversations (POST v3/conversations) and answers
 * roster look-ups (GET .../members/{id}) from `members`.
 */
export async function startStandInConnector(
  members: Record<string, { email?: string; userPrincipalName?: string; name?: string }> = {},
): Promise<StandInConnector> {
  const received: ReceivedActivity[] = [];
  const created: CreatedConversation[] = [];
  const refused: (ReceivedActivity & { status: number })[] = [];
  const unanswered: ReceivedActivity[] = [];
  const hanging = new Set<ServerResponse>();
  let hangsOn: Parameters<StandInConnector['neverAnswer']>[0];
  let responder: Parameters<StandInConnector['respondWith']>[0];
  const waiters = new Map<number, (a: ReceivedActivity) => void>();
  let held: Promise<void> | undefined;
  let releaseHeld = (): void => undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://connector');
    const body = await text(req);
    const member = MEMBER_PATH.exec(url.pathname);
    if (req.method === 'GET' && member) {
      const found = members[decodeURIComponent(member[2] ?? '')];
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(found ? { id: decodeURIComponent(member[2] ?? ''), ...found } : { error: { code: 'NotFound' } }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v3/conversations') {
      const request = JSON.parse(body) as { members?: { id?: string; aadObjectId?: string }[]; tenantId?: string; channelData?: { tenant?: { id?: string } } };
      const members = request.members ?? [];
      const conversation: CreatedConversation = {
        id: `a:created-${members.map((m) => m.id ?? m.aadObjectId ?? '').join('+')}`,
        members,
        tenantId: request.tenantId ?? request.channelData?.tenant?.id,
      };
      created.push(conversation);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: conversation.id }));
      return;
    }
    const match = ACTIVITY_PATH.exec(url.pathname);
    if ((req.method !== 'POST' && req.method !== 'PUT') || !match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const entry: ReceivedActivity = {
      method: req.method,
      conversationId: decodeURIComponent(match[1] ?? ''),
      replyToActivityId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      authorization: req.headers.authorization,
      activity: JSON.parse(body) as ReceivedActivity['activity'],
    };
    if (hangsOn?.(entry)) {
      unanswered.push(entry);
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const refusal = responder?.(entry);
    if (refusal && (refusal.status < 200 || refusal.status > 299)) {
      refused.push({ ...entry, status: refusal.status });
      res.writeHead(refusal.status, { 'content-type': 'application/json', ...(refusal.headers ?? {}) });
      res.end(JSON.stringify({ error: { code: refusal.status === 429 ? 'TooManyRequests' : 'Refused', message: `stand-in answered ${refusal.status}` } }));
      return;
    }
    received.push(entry);
    waiters.get(received.length)?.(entry);
    if (held) await held;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: req.method === 'PUT' ? entry.replyToActivityId : `reply-${received.length}` }));
  };

  const { url, server } = await serveOnLoopback(handle, { closeEachConnection: true });

  return {
    url,
    received,
    created,
    refused,
    unanswered,
    neverAnswer(predicate) {
      hangsOn = predicate;
    },
    respondWith(next) {
      responder = next;
    },
    nthActivity(n) {
      const already = received[n - 1];
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.set(n, resolve));
    },
    holdResponses() {
      held = new Promise<void>((resolve) => {
        releaseHeld = resolve;
      });
      return { release: () => releaseHeld() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        releaseHeld();
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
      }),
  };
}
