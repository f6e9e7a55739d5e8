import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
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
 * With an empty app id botbuilder turns authentication off: the credentials factory reports
 * isAuthenticationDisabled(), incoming requests get an anonymous identity whatever their
 * Authorization header, and replies carry no token (what the Emulator and Agents Playground expect).
 */
export function createAdapter(config: Pick<Config, 'bot'>, logger: ServerLogger): CloudAdapter {
  const { appId, appPassword, appType, tenantId } = config.bot;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: tenantId,
  });
  const adapter = new CloudAdapter(auth);
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
