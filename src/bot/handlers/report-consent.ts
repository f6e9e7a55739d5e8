import type { Activity, TurnContext } from 'botbuilder';
import type { OrgIndex } from '../../domain/org-index';
import type { User } from '../../domain/records';
import type { Locale } from '../../domain/vocabulary';
import { toActivity } from '../reply-activity';
import type { ReportFlow } from '../report-flow';

/** Where the answers to a consent go: the turn's context, or (after a slow turn's HTTP answer) proactive sends. */
export interface ConsentOutput {
  send(activity: Partial<Activity>): Promise<void>;
  replace(activityId: string, activity: Partial<Activity>): Promise<void>;
}

const turnOutput = (context: TurnContext): ConsentOutput => ({
  send: async (activity) => {
    await context.sendActivity(activity);
  },
  replace: async (activityId, activity) => {
    await context.updateActivity({ ...activity, id: activityId });
  },
});

/**
 * A `fileConsent/invoke` (Allow or Decline on a report's consent card): its value goes to the report
 * flow as it came, to be checked there; answers are sent into this chat, and the clicked card (the
 * invoke's replyToId) is replaced by its new state where there is one.
 */
export async function answerFileConsent(
  context: TurnContext,
  asking: { org: OrgIndex; user: User | undefined; clientLocale: Locale },
  today: string,
  reports: ReportFlow,
  value: unknown,
  out: ConsentOutput = turnOutput(context),
): Promise<void> {
  const cardId = context.activity.replyToId;
  await reports.answer(
    {
      ...asking,
      today,
      conversationId: context.activity.conversation.id,
      send: (reply) => out.send(toActivity(reply)),
      replaceCard: async (reply) => {
        if (!cardId) return;
        // a card that cannot be replaced (deleted, too old) leaves the answer itself standing
        await out.replace(cardId, toActivity(reply)).catch(() => undefined);
      },
    },
    value,
  );
}
