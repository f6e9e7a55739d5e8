import type { OrgIndex } from '../domain/org-index';
import type { Logger, TodayProvider } from '../domain/ports';
import type { KeyValueStorage } from '../storage/storage';
import type { Notifier } from './notifier';
import type { SlowTurns } from './slow-turns';
import type { ReminderService } from '../reminders/reminder-service';

/** Everything the bot's behaviour needs, passed in by the composition root (server/ or cli/). */
export interface BotDeps {
  /** The current organization snapshot; a turn reads it once and keeps that version. */
  org: () => OrgIndex;
  storage: KeyValueStorage;
  today: TodayProvider;
  logger: Logger;
  /** Proactive messages (approval cards to admins); absent where there is no channel to send to. */
  notifier?: Notifier;
  /** Renewal reminders (subscriptions, queue, scan); absent where nothing would deliver them. */
  reminders?: ReminderService;
  /** Turns (messages and card clicks) one user may take per minute on this instance; unlimited when absent. */
  turnsPerMinute?: number;
  /** Told of each refusal (a missing role), for the metrics. */
  onRefusal?: () => void;
  /** Answers "working on it" when a turn takes long, and the answer later; every turn waits for its answer when absent. */
  slowTurns?: SlowTurns;
}
