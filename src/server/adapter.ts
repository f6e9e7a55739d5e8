import { CloudAdapter, type TurnContext } from 'botbuilder';
import { createBotFrameworkAuthentication } from './auth';
import type { Config } from './config';
import type { ServerLogger } from './logger';

// Bot Framework hosting only: authentication set-up and the last-resort error reply.

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
export function createAdapter(config: Pick<Config, 'bot'>, logger: ServerLogger): CloudAdapter {
  const adapter = new CloudAdapter(createBotFrameworkAuthentication(config.bot, logger));
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
