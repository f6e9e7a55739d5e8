import type { Server as HttpServer } from 'node:http';
import type { TurnContext } from 'botbuilder';
import type { BotAdapter } from './adapter';
import restify from 'restify';
import { randomUUID } from 'node:crypto';
import { checkActivity } from './activity-shape';
import type { BotMetrics } from './metrics';
import { InFlight } from './in-flight';
import type { ServerLogger } from './logger';

// The HTTP surface: Bot Framework messages, liveness and readiness. No process-level side effects
// (no listen, no signals) so that tests build it in-process; start-server.ts owns the lifecycle.

/** One condition of /readyz, e.g. data loaded or storage reachable; rejects with the reason. */
export interface ReadinessCheck {
  name: string;
  /** Failing leaves the instance serving (200, "degraded") instead of taking it out (503). */
  degradesOnly?: boolean;
  /** Resolves when ready, optionally with details to report (e.g. the data's age); rejects with the reason. */
  check: () => Promise<unknown>;
}

/** Whatever runs a turn: a botbuilder ActivityHandler. */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

export interface AppOptions {
  adapter: BotAdapter;
  bot: TurnRunner;
  logger: ServerLogger;
  readiness: readonly ReadinessCheck[];
  /** A check slower than this counts as failed: a hanging backend is not ready. */
  readinessTimeoutMs?: number;
  /** Prometheus metrics on GET /metrics; no route without them (METRICS=on turns them on). */
  metrics?: BotMetrics;
}

export interface BotApp {
  server: restify.Server;
  /** The Node server under restify, for close and connection handling. */
  httpServer: HttpServer;
  /** Turns being processed right now. */
  turns: InFlight;
  /** From now on: not ready, no new turns, and in-flight responses close their connection. */
  beginShutdown(): void;
}

// Teams activities are a few KB. jsonBodyParser hands its options to restify's bodyReader, whose
// maxBodySize the typings leave out.
const jsonBody: restify.plugins.JsonBodyParserOptions & { maxBodySize: number } = { maxBodySize: 1024 * 1024 };


function withTimeout(check: ReadinessCheck, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([check.check(), timeout]).finally(() => clearTimeout(timer));
}

/** What a turn's log line says: never the message text, tokens or card data, only where and how long. */
function turnFields(body: unknown): { turnId: string; type: string; channelId?: string; conversationType?: string } {
  const a = body as { id?: unknown; type?: unknown; channelId?: unknown; conversation?: { conversationType?: unknown } };
  return {
    turnId: typeof a.id === 'string' && a.id.length <= 200 ? a.id : randomUUID(),
    type: typeof a.type === 'string' ? a.type.slice(0, 40) : 'unknown',
    ...(typeof a.channelId === 'string' ? { channelId: a.channelId.slice(0, 40) } : {}),
    ...(typeof a.conversation?.conversationType === 'string' ? { conversationType: a.conversation.conversationType.slice(0, 20) } : {}),
  };
}

export function createApp({ adapter, bot, logger, readiness, readinessTimeoutMs = 2000, metrics }: AppOptions): BotApp {
  const server = restify.createServer({ name: 'activity-bot', handleUncaughtExceptions: false });
  const turns = new InFlight();
  const openResponses = new Set<restify.Response>();
  let shuttingDown = false;
  let lastReason: string | undefined;
  // one line per turn, of turnFields' ids and timings only: nothing for the redaction to hide, whose
  // wildcard paths would cost more than the rest of the line
  const turnLog = logger.child({}, { redact: [] });

  server.post('/api/messages', restify.plugins.jsonBodyParser(jsonBody), async (req, res) => {
    if (shuttingDown) {
      // the channel retries elsewhere; better than starting a turn that the exit would cut short
      res.header('Connection', 'close');
      res.send(503, { status: 'unavailable', reason: 'shutting down' });
      return;
    }
    const shape = checkActivity(req.body);
    if (!shape.ok) {
      res.send(400, { error: shape.problem });
      return;
    }
    const turn = turnFields(req.body);
    const started = performance.now();
    await turns.track(async () => {
      openResponses.add(res);
      try {
        await adapter.processTurn(req, res, (context) => bot.run(context));
      } finally {
        openResponses.delete(res);
        const seconds = (performance.now() - started) / 1000;
        metrics?.turn(turn.type, res.statusCode, seconds);
        turnLog.info({ ...turn, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'turn');
      }
    });
  });

  if (metrics) {
    server.get('/metrics', async (_req, res) => {
      const body = await metrics.registry.metrics();
      res.setHeader('content-type', metrics.registry.contentType);
      res.sendRaw(200, body);
    });
  }

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.send(503, { status: 'unavailable', reason: 'shutting down' });
      return;
    }
    const results = await Promise.allSettled(readiness.map((c) => withTimeout(c, readinessTimeoutMs)));
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected'
        ? [{ degradesOnly: readiness[i]?.degradesOnly === true, text: `${readiness[i]?.name ?? 'check'}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}` }]
        : [],
    );
    const reason = failed.map((f) => f.text).join('; ');
    const degraded = failed.length > 0 && failed.every((f) => f.degradesOnly);
    // probes poll: log changes of state, not every answer
    if (reason !== lastReason) {
      if (reason) logger.warn({ reason }, 'not ready');
      else if (lastReason !== undefined) logger.info('ready again');
      lastReason = reason;
    }
    if (reason && !degraded) res.send(503, { status: 'unavailable', reason });
    else if (degraded) res.send(200, { status: 'degraded', reason });
    else {
      const details = Object.fromEntries(
        results.flatMap((r, i) => (r.status === 'fulfilled' && r.value !== undefined ? [[readiness[i]?.name ?? 'check', r.value]] : [])),
      );
      res.send(200, { status: 'ready', ...(Object.keys(details).length ? { checks: details } : {}) });
    }
  });

  return {
    server,
    httpServer: server.server,
    turns,
    beginShutdown() {
      shuttingDown = true;
      for (const res of openResponses) if (!res.headersSent) res.header('Connection', 'close');
    },
  };
}
