import { ActivityBot, type EmailLookup } from './activity-bot';
import type { BotDeps } from './bot-deps';

/** Builds the Teams bot; `lookupEmail` is replaced only where there is no Teams roster (the `chat` command). */
export function createBot(deps: BotDeps, lookupEmail?: EmailLookup): ActivityBot {
  return new ActivityBot(deps, lookupEmail);
}
