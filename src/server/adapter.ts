import { CloudAdapter, StatusCodes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { createBotFrameworkAuthentication } from './auth';
import type { Config } from './config';
import type { ServerLogger } from './logger';

// Bot Framework hosting only: authentication set-up, the turn over HTTP and the last-resort error reply.

/** What a turn needs of the HTTP request and response (restify's, or any other server's). */
export interface HttpTurnRequest {
  /** The activity, parsed and checked (activity-shape.ts). */
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}
export interface HttpTurnResponse {
  send(status: number, body?: unknown): unknown;
}

/**
 * CloudAdapter with the HTTP turn of its process(), minus process()'s own checks of the request:
 * those build and run zod schemas on every request (a few % of a turn's CPU), over a body that
 * activity-shape.ts has already checked.
 */
export class BotAdapter extends CloudAdapter {
  constructor(
    authentication: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly logger: ServerLogger,
  ) {
    super(authentication);
  }

  async processTurn(req: HttpTurnRequest, res: HttpTurnResponse, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const authorization = req.headers.authorization;
    const activity = withDates(req.body as Activity & Record<string, unknown>);
    try {
      const invoke = await this.processActivity(typeof authorization === 'string' ? authorization : '', activity, logic);
      res.send(invoke?.status ?? StatusCodes.OK, invoke?.body);
    } catch (error) {
      // a turn's own failure was answered by onTurnError already: what is left failed around it
      // (or was onTurnError's own); a refusal is logged by the authentication (auth.ts), with its reason
      const unauthorized = error instanceof AuthenticationError;
      if (!unauthorized) this.logger.error({ err: error, activityId: activity.id }, 'the request could not be processed');
      res.send(unauthorized ? StatusCodes.UNAUTHORIZED : StatusCodes.INTERNAL_SERVER_ERROR, { error: unauthorized ? 'unauthorized' : 'the turn failed' });
    }
  }
}

/** As botbuilder's validateAndFixActivity: the times the channel sent as text become dates, the text kept. */
function withDates(activity: Activity & Record<string, unknown>): Activity {
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

const SORRY = {
  it: 'Mi dispiace, qualcosa è andato storto da parte mia. Riprova tra poco.',
  en: 'Sorry, something went wrong on my side. Please try again in a moment.',
} as const;

export const turnErrorMessage = (locale: string | undefined): string =>
  locale?.toLowerCase().startsWith('it') ? SORRY.it : SORRY.en;

/**
 * Authentication as configured (auth.ts: off in local mode). Throws a ConfigError naming the
 * variable when the app's certificate file is unusable.
 */
export function createAdapter(config: Pick<Config, 'bot'>, logger: ServerLogger): BotAdapter {
  const adapter = new BotAdapter(createBotFrameworkAuthentication(config.bot, logger), logger);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { activity } = context;
    logger.error(
      { err: error, channelId: activity.channelId, conversationId: activity.conversation?.id, activityId: activity.id },
      'turn failed',
    );
    try {
      // the user gets a polite sentence; the detail stays in the log
      await context.sendActivity(turnErrorMessage(activity.locale));
    } catch (sendError) {
      logger.error({ err: sendError, conversationId: activity.conversation?.id }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
