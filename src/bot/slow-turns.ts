import { TurnContext, type Activity } from 'botbuilder';
import type { Logger } from '../domain/ports';
import type { Notifier } from './notifier';

// Teams waits 15 s for the answer to a POST and then gives up on it (and may send it again).
// A turn whose work is not done within `afterMs` answers "working on it" now, finishes in the
// background and then puts the answer in place of that message.

export interface SlowTurns {
  /** How long a turn may work before it answers "working on it" (well under Teams' 15 s). */
  afterMs: number;
  /** Runs the rest of a slow turn after its HTTP answer; the host tracks it for shutdown. */
  continueInBackground(work: () => Promise<void>): void;
}

/**
 * `work`'s value when it settles within the limit (or there is none), else `{ late }`: the work goes
 * on and the caller answers for now, then hands the rest to `late.continueInBackground`.
 */
export async function withinTurn<T>(work: Promise<T>, slow: SlowTurns | undefined): Promise<{ value: T } | { late: SlowTurns }> {
  if (!slow) return { value: await work };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), slow.afterMs);
  });
  try {
    const first = await Promise.race([work.then((value) => ({ value })), deadline]);
    return first === 'late' ? { late: slow } : first;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Where the late answer goes: proactively through the notifier (a fresh connector and token, as the
 * turn's own are done) or, where there is none (the local `chat` command), through the turn's context.
 */
export function lateReplies(context: TurnContext, notifier: Notifier | undefined) {
  const reference = TurnContext.getConversationReference(context.activity);
  return {
    send: async (activity: Partial<Activity>): Promise<void> => {
      if (notifier) await notifier.send(reference, activity);
      else await context.sendActivity(activity);
    },
    replace: async (activityId: string, activity: Partial<Activity>): Promise<void> => {
      if (notifier) await notifier.update(reference, activityId, activity);
      else await context.updateActivity({ ...activity, id: activityId });
    },
  };
}

/** The late part of a slow turn: wait for the replies, put the first in place of `placeholderId`, send the rest. */
export async function finishLate(
  work: Promise<Partial<Activity>[]>,
  failed: Partial<Activity>,
  placeholderId: string | undefined,
  late: ReturnType<typeof lateReplies>,
  logger: Logger,
): Promise<void> {
  let replies: Partial<Activity>[];
  try {
    replies = await work;
  } catch (error) {
    logger.error({ err: error }, 'slow turn failed');
    replies = [failed];
  }
  try {
    const [first, ...rest] = replies;
    if (first && placeholderId) await late.replace(placeholderId, first);
    else if (first) await late.send(first);
    for (const reply of rest) await late.send(reply);
  } catch (error) {
    logger.error({ err: error }, 'could not deliver the answer of a slow turn');
  }
}
