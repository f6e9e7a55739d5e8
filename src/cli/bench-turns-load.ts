import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile, round } from './bench-results';
import type { TurnsConnector } from './bench-turns-connector';

// The load of bench:turns, the same for the bot and the echo bot: `concurrency` virtual users post
// a Teams message activity to POST /api/messages and post the next one as soon as the last turn is
// complete: the POST answered 200 AND the bot's reply to that message arrived at the stand-in
// connector. They are the asker in their personal chat: Teams gives a person one chat with a bot,
// so all virtual users share it (as many chats would tell the bot, turn after turn, that the
// person now lives in another one, which no Teams user does). Turns of the warm-up are not
// counted; a turn counts in the window in which it completes, its latency if it started in it.

export interface Asker {
  aadObjectId: string;
  name: string;
  tenantId: string;
}

export interface LoadOptions {
  botUrl: string;
  connector: TurnsConnector;
  asker: Asker;
  text: string;
  concurrency: number;
  warmUpMs: number;
  durationMs: number;
  /** Whether a reply is the answer expected (a summary card, the echoed text). */
  isExpectedReply(reply: unknown): boolean;
  /** A turn not complete by then fails (default 30 s: beyond Teams' 15 s and the bot's "working on it"). */
  turnTimeoutMs?: number;
  /** Called at the start and at the end of the measured window (e.g. to read the bot's CPU time). */
  onWindow?(edge: 'start' | 'end'): void;
}

export interface LoadResult {
  concurrency: number;
  durationMs: number;
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Turns (warm-up included) answered with another status than 200, without the expected reply, or not at all. */
  failed: number;
  /** Turns whose answer came after another reply (a slow turn's "working on it", then the answer in its place). */
  answeredLate: number;
  firstFailure?: string;
  /** CPU time of the load generator (and the stand-in connector) per measured turn. */
  loadGeneratorCpuMsPerTurn: number;
}

const TURN_TIMEOUT_MS = 30_000;

/** A message as Teams posts it to the messaging endpoint, in the personal chat `conversationId`. */
function teamsMessage(options: LoadOptions, messageId: string, conversationId: string, fromId: string): string {
  return JSON.stringify({
    type: 'message',
    id: messageId,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.connector.url,
    from: { id: fromId, name: options.asker.name, aadObjectId: options.asker.aadObjectId },
    recipient: { id: '28:bench-bot', name: 'Activity Bot' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: options.asker.tenantId },
    channelData: { tenant: { id: options.asker.tenantId } },
    locale: 'en-US',
    text: options.text,
    textFormat: 'plain',
  });
}

function post(agent: Agent, url: string, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/messages`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no reply at the connector within ${ms} ms`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const turnTimeoutMs = options.turnTimeoutMs ?? TURN_TIMEOUT_MS;
  const started = performance.now();
  const windowStart = started + options.warmUpMs;
  const windowEnd = windowStart + options.durationMs;
  const latencies: number[] = [];
  let turns = 0;
  let failed = 0;
  let answeredLate = 0;
  let firstFailure: string | undefined;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let cpuInWindow: NodeJS.CpuUsage | undefined;

  /** The replies of one turn up to the expected one; how many came before it. */
  const answer = async (messageId: string, seen: unknown[]): Promise<number> => {
    for (;;) {
      const reply = await options.connector.nextReply(messageId);
      if (options.isExpectedReply(reply)) return seen.length;
      seen.push(reply);
    }
  };

  const conversationId = `a:1bench${randomUUID().replace(/-/g, '')}`;
  const fromId = `29:1bench${randomUUID()}`;
  let sent = 0;
  const virtualUser = async (): Promise<void> => {
    while (performance.now() < windowEnd) {
      const messageId = `1732${String((sent += 1)).padStart(12, '0')}`;
      const body = teamsMessage(options, messageId, conversationId, fromId);
      const t0 = performance.now();
      const limit = timeout(turnTimeoutMs);
      const seen: unknown[] = [];
      try {
        const accepted = post(agent, options.botUrl, body, turnTimeoutMs).then((status) => {
          if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
        });
        const [, before] = await Promise.race([Promise.all([accepted, answer(messageId, seen)]), limit.promise]).catch((e: Error) => {
          throw new Error(`${e.message}${seen.length ? `; got instead: ${JSON.stringify(seen[0]).slice(0, 300)}` : ''}`);
        });
        const t1 = performance.now();
        if (before > 0) answeredLate += 1;
        if (t1 >= windowStart && t1 < windowEnd) turns += 1;
        if (t0 >= windowStart && t0 < windowEnd) latencies.push(t1 - t0);
      } catch (e) {
        failed += 1;
        firstFailure ??= (e as Error).message;
      } finally {
        limit.cancel();
      }
    }
  };

  const edges = [
    setTimeout(() => {
      cpuAtStart = process.cpuUsage();
      options.onWindow?.('start');
    }, options.warmUpMs),
    setTimeout(() => {
      cpuInWindow = process.cpuUsage(cpuAtStart);
      options.onWindow?.('end');
    }, options.warmUpMs + options.durationMs),
  ];
  await Promise.all(Array.from({ length: options.concurrency }, virtualUser));
  edges.forEach(clearTimeout);
  agent.destroy();

  const cpuMs = cpuInWindow ? (cpuInWindow.user + cpuInWindow.system) / 1000 : 0;
  return {
    concurrency: options.concurrency,
    durationMs: options.durationMs,
    turns,
    turnsPerSecond: round(turns / (options.durationMs / 1000), 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p90Ms: round(percentile(latencies, 90), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies.reduce((a, b) => Math.max(a, b), 0), 2),
    failed,
    answeredLate,
    ...(firstFailure ? { firstFailure } : {}),
    loadGeneratorCpuMsPerTurn: turns ? round(cpuMs / turns, 3) : 0,
  };
}
