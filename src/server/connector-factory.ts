import { ConnectorClient, ConnectorFactory, type ConnectorClientOptions, type ServiceClientCredentialsFactory } from 'botframework-connector';
import connectorPackage from 'botframework-connector/package.json';
import { backoffMs } from '../reminders/queue/retry-policy';

// The clients that carry the bot's replies and proactive messages to the Bot Framework connector.
// botbuilder's own factory (ConnectorFactoryImpl) sets no timeout, so a connector that takes the
// connection and never answers holds a turn forever, past Teams' 15 s; and its options cannot
// carry a policy (it overwrites requestPolicyFactories). This one builds the same clients with a
// timeout per HTTP attempt, retries of the attempts that timed out, and a time budget per client.

export interface ConnectorLimits {
  /** One HTTP attempt, from sending to the response's headers (CONNECTOR_TIMEOUT_MS). */
  timeoutMs: number;
  /** Attempts after the first one, for attempts that timed out (CONNECTOR_RETRIES). */
  retries: number;
  /**
   * What all sends of one client may take together, the connector's own 503/429 retries and
   * Retry-After waits included (CONNECTOR_DEADLINE_MS). A client serves one turn, or one
   * proactive send: the reply that gave up and the apology after it share the budget.
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

/** botbuilder's ConnectorFactory with time limits: see ConnectorLimits. */
export class TimeBoundConnectorFactory extends ConnectorFactory {
  constructor(private readonly options: ConnectorFactoryOptions) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const { appId, oAuthScope, loginEndpoint, validateAuthority, credentials, limits } = this.options;
    const appCredentials = await credentials.createCredentials(appId, audience ?? oAuthScope, loginEndpoint, validateAuthority);
    const budget = { spentMs: 0 }; // of this client's deadline, by its sends so far
    return new ConnectorClient(appCredentials, {
      baseUri: serviceUrl,
      userAgent: USER_AGENT,
      // the compat pipeline creates these policies for each send and runs them once per send, ahead of core's retries (503, 429)
      requestPolicyFactories: [{ create: (next) => acceptAnything(next) }, { create: (next) => timeBound(next, limits, budget) }],
    });
  }
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

function timeBound(next: RequestPolicy, limits: ConnectorLimits, budget: { spentMs: number }): RequestPolicy {
  return {
    async sendRequest(request) {
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
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
