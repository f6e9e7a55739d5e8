import type { Activity, TurnContext } from 'botbuilder';
import type { OrgIndex } from '../../domain/org-index';
import type { User } from '../../domain/records';
import type { Locale } from '../../domain/vocabulary';
import { toActivity } from '../reply-activity';
import type { ReportFlow } from '../report-flow';

/** Sends and replacements, as the turn's context and the proactive late replies both offer them. */
interface Outlet {
  send(activity: Partial<Activity>): Promise<void>;
  replace(activityId: string, activity: Partial<Activity>): Promise<void>;
}

/**
 * Where the answers to a consent go: into the turn while it lasts; after `afterTurn` (a slow upload
 * outlived the invoke) through the proactive outlet it is given.
 */
export class ConsentOutput implements Outlet {
  private late: Outlet | undefined;

  constructor(private readonly context: TurnContext) {}

  afterTurn(late: Outlet): void {
    this.late = late;
  }

  async send(activity: Partial<Activity>): Promise<void> {
    if (this.late) await this.late.send(activity);
    else await this.context.sendActivity(activity);
  }

  async replace(activityId: string, activity: Partial<Activity>): Promise<void> {
    if (this.late) await this.late.replace(activityId, activity);
    else await this.context.updateActivity({ ...activity, id: activityId });
  }
}

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
  out: ConsentOutput,
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
