import { setTimeout as wait } from 'node:timers/promises';
import { ConnectorClient, ConnectorFactory, type ConnectorClientOptions, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import connectorPackage from 'botframework-connector/package.json';
import { backoffMs } from '../reminders/queue/retry-policy';
import { withJsonBodyMade } from './kept-json-body';

// The clients that carry the bot's replies and proactive messages to the Bot Framework connector.
// botbuilder's own factory (ConnectorFactoryImpl) sets no timeout, so a connector that takes the
// connection and never answers holds a turn forever, past Teams' 15 s; and its options cannot
// carry a policy (it overwrites requestPolicyFactories). This one builds the same clients with a
// timeout per HTTP attempt, retries of the attempts that timed out, and a time budget per turn.
// Clients are kept per service URL and audience: building one (its pipeline, its credentials) on
// every turn was a fifth of a turn's CPU, as botbuilder's factory does.

export interface ConnectorLimits {
  /** One HTTP attempt, from sending to the response's headers (CONNECTOR_TIMEOUT_MS). */
  timeoutMs: number;
  /** Attempts after the first one, for attempts that timed out (CONNECTOR_RETRIES). */
  retries: number;
  /**
   * What all sends through one create() may take together, the connector's own 503/429 retries
   * and Retry-After waits included (CONNECTOR_DEADLINE_MS). CloudAdapter calls create() once per
   * turn, and once per proactive message: the reply that gave up and the apology after it share it.
   */
  deadlineMs: number;
}

export interface ConnectorFactoryOptions {
  /** The bot's app id ('' in local mode, where the credentials sign nothing). */
  appId: string;
  /** The audience of the tokens when botbuilder names none (ToChannelFromBotOAuthScope). */
  oAuthScope: string;
  loginEndpoint: string;
  validateAuthority: boolean;
  credentials: ServiceClientCredentialsFactory;
  limits: ConnectorLimits;
}

type RequestPolicyFactory = Extract<NonNullable<ConnectorClientOptions['requestPolicyFactories']>, unknown[]>[number];
type RequestPolicy = ReturnType<RequestPolicyFactory['create']>;
type WebResource = Parameters<RequestPolicy['sendRequest']>[0];
type Response = Awaited<ReturnType<RequestPolicy['sendRequest']>>;

/** The backoff between attempts that timed out: 200 ms, then 400 ms…, half of it random. */
const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 1000;

// as botbuilder's ConnectorFactoryImpl sends it
const USER_AGENT = `Microsoft-BotFramework/3.1 ${connectorPackage.name}/${connectorPackage.version}`;

/** The connector did not answer in time: no reply was confirmed (one may still have arrived). */
export class ConnectorTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorTimeoutError';
  }
}

interface Budget {
  /** Of the deadline, by the sends so far. */
  spentMs: number;
}

/** The budget of each send in flight, found by the abort signal the send carries. */
const budgets = new WeakMap<object, Budget>();

/** Service URLs are few (one per region the bot's conversations live in). */
const MAX_CLIENTS = 64;

/** botbuilder's ConnectorFactory with time limits (see ConnectorLimits), its clients kept. */
export class TimeBoundConnectorFactory extends ConnectorFactory {
  private readonly clients = new LRUCache<string, Promise<ConnectorClient>>({ max: MAX_CLIENTS });

  constructor(private readonly options: ConnectorFactoryOptions) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return withOwnBudget(await kept(this.clients, `${audience ?? ''} ${serviceUrl}`, () => this.build(serviceUrl, audience)));
  }

  private async build(serviceUrl: string, audience: string | undefined): Promise<ConnectorClient> {
    const { appId, oAuthScope, loginEndpoint, validateAuthority, credentials, limits } = this.options;
    const appCredentials = await credentials.createCredentials(appId, audience ?? oAuthScope, loginEndpoint, validateAuthority);
    return new ConnectorClient(appCredentials, {
      baseUri: serviceUrl,
      userAgent: USER_AGENT,
      // the compat pipeline creates these policies for each send and runs them once per send, ahead of core's retries (503, 429)
      requestPolicyFactories: [{ create: (next) => acceptAnything(next) }, { create: (next) => timeBound(next, limits) }],
    });
  }
}

/** A Map or an LRUCache of clients being made or made. */
interface KeptClients<T> {
  get(key: string): Promise<T> | undefined;
  set(key: string, client: Promise<T>): unknown;
  delete(key: string): unknown;
}

/** The client kept under `key`, else a new one, kept unless making it fails (the next turn tries again). */
export function kept<T>(clients: KeptClients<T>, key: string, make: () => Promise<T>): Promise<T> {
  let client = clients.get(key);
  if (!client) {
    client = make();
    clients.set(key, client);
    client.catch(() => clients.delete(key));
  }
  return client;
}

type SendOperation = ConnectorClient['sendOperationRequest'];

/**
 * The kept client as one create() sees it: its sends share one budget. Each send carries an abort
 * signal of its own (the caller's abort, if any, passed on) by which the policy finds the budget.
 * The operation groups (conversations, attachments) call the client they were made with, so the
 * view has its own, calling it.
 */
function withOwnBudget(shared: ConnectorClient): ConnectorClient {
  const budget: Budget = { spentMs: 0 };
  const view = Object.create(shared) as ConnectorClient;
  // the shared client's method, run with the view as `this` (so that its operations' calls come back here)
  const send = (...args: Parameters<SendOperation>): ReturnType<SendOperation> => ConnectorClient.prototype.sendOperationRequest.apply(view, args);
  // the sends of a turn carry no signal of their own (CloudAdapter passes none): one, never aborted, names the budget
  const quiet = new AbortController().signal;
  budgets.set(quiet, budget);
  view.sendOperationRequest = (operationArgs, operationSpec, callback) => {
    const [args, spec] = withJsonBodyMade(operationArgs, operationSpec);
    const caller = args.options?.abortSignal;
    if (!caller) return send({ ...args, options: { ...args.options, abortSignal: quiet } }, spec, callback);
    const own = new AbortController();
    budgets.set(own.signal, budget);
    const onCallerAbort = () => own.abort();
    if (caller.aborted) own.abort();
    else caller.addEventListener('abort', onCallerAbort);
    return send({ ...args, options: { ...args.options, abortSignal: own.signal } }, spec, callback).finally(() =>
      caller.removeEventListener('abort', onCallerAbort),
    );
  };
  view.conversations = Object.assign(Object.create(shared.conversations) as ConnectorClient['conversations'], { client: view });
  view.attachments = Object.assign(Object.create(shared.attachments) as ConnectorClient['attachments'], { client: view });
  return view;
}

/** As botbuilder's factory: the connector's answers are not always JSON. */
const acceptAnything = (next: RequestPolicy): RequestPolicy => ({
  sendRequest: (request) => {
    if (!request.headers.contains('accept')) request.headers.set('accept', '*/*');
    return next.sendRequest(request);
  },
});

const isAbortError = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
const abortError = (): Error => new DOMException('The operation was aborted.', 'AbortError');

const shownRequest = (request: WebResource): string => {
  const url = new URL(request.url);
  return `${request.method} ${url.origin}${url.pathname}`;
};

function timeBound(next: RequestPolicy, limits: ConnectorLimits): RequestPolicy {
  return {
    async sendRequest(request) {
      const budget = (request.abortSignal && budgets.get(request.abortSignal)) ?? { spentMs: 0 };
      const started = performance.now();
      try {
        return await sendWithin(next, request, limits, limits.deadlineMs - budget.spentMs);
      } finally {
        budget.spentMs += performance.now() - started;
      }
    },
  };
}

async function sendWithin(next: RequestPolicy, request: WebResource, limits: ConnectorLimits, budgetMs: number): Promise<Response> {
  const outOfTime = () =>
    new ConnectorTimeoutError(
      `the Bot Framework connector did not answer ${shownRequest(request)} within the ${limits.deadlineMs} ms its sends may take (CONNECTOR_DEADLINE_MS)`,
    );
  if (budgetMs <= 0) throw outOfTime();
  const callerSignal = request.abortSignal;
  const deadline = new AbortController();
  const onCallerAbort = () => deadline.abort();
  callerSignal?.addEventListener('abort', onCallerAbort);
  if (callerSignal?.aborted) deadline.abort();
  const timer = setTimeout(() => deadline.abort(), budgetMs);
  // the signal is checked by the HTTP client and core's retry waits; the web resource passes it
  // through to the pipeline's request, and `timeout` aborts each HTTP attempt on its own
  request.abortSignal = deadline.signal;
  if (!(request.timeout > 0 && request.timeout < limits.timeoutMs)) request.timeout = limits.timeoutMs;
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await untilAborted(next.sendRequest(request), deadline.signal);
      } catch (e) {
        if (callerSignal?.aborted) throw e; // the caller's own abort, as it is
        if (deadline.signal.aborted) throw outOfTime();
        if (!isAbortError(e)) throw e; // a refusal or a network error, after core's own retries
      }
      // the HTTP client gave up on this attempt after `timeout`
      if (attempt > limits.retries) {
        throw new ConnectorTimeoutError(
          `the Bot Framework connector did not answer ${shownRequest(request)} within ${limits.timeoutMs} ms, ${attempt} attempt${attempt === 1 ? '' : 's'} (CONNECTOR_TIMEOUT_MS, CONNECTOR_RETRIES)`,
        );
      }
      if (!(await pause(backoffMs(attempt, RETRY_BASE_MS, RETRY_MAX_MS), deadline.signal))) {
        throw callerSignal?.aborted ? abortError() : outOfTime();
      }
    }
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
    request.abortSignal = callerSignal;
  }
}

/**
 * `work`, or a rejection as soon as `signal` aborts: the signing of the request (a token to fetch)
 * runs inside this policy and does not watch the signal.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Waits `ms`; false when `signal` aborts first. */
const pause = (ms: number, signal: AbortSignal): Promise<boolean> => wait(ms, true, { signal }).catch(() => false);
