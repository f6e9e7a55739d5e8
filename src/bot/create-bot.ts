import { TeamsActivityHandler } from 'botbuilder';
import type { BotDeps } from './bot-deps';

/** Builds the Teams bot. Placeholder until the router lands (same signature). */
export function createBot(_deps: BotDeps): TeamsActivityHandler {
  const bot = new TeamsActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity('…');
    await next();
  });
  return bot;
}
