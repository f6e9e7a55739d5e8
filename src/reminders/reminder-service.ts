import { canSeeActivity, isAdminOf } from '../domain/access';
import { addDays, isoDateIn } from '../domain/dates';
import { isAppError } from '../domain/errors';
import type { OrgIndex } from '../domain/org-index';
import type { Logger } from '../domain/ports';
import type { User } from '../domain/records';
import { dueThreshold, SNOOZE_DAYS } from '../domain/reminder-schedule';
import { cardContext } from '../cards/card-context';
import { reminderCard } from '../cards/reminder-card';
import { expiringQuery, type ExpiringPackage } from '../queries/expiring';
import type { KeyValueStorage } from '../storage/storage';
import { classifyStatus, PostError, type ChannelPoster } from './channel-poster';
import { GiveUp, RetryLater, type DeliveryQueue, type JobContext, type DeliveryJob } from './delivery-queue';
import { Subscriptions, type PackageState, type Subscription } from './subscriptions';

/** One reminder to post: a package of the subscription's workspace, at a threshold (null: a snooze ended). */
export interface ReminderJob {
  subscriptionId: string;
  packageId: string;
  threshold: number | null;
}

export interface ReminderStats {
  sent: number;
  skipped: number;
  throttled: number;
  retried: number;
  deactivated: number;
  /** Sends that started again after a crash during the send: Teams may have shown them twice. */
  possibleRepeats: number;
}

export interface ReminderServiceDeps {
  storage: KeyValueStorage;
  queue: DeliveryQueue<ReminderJob>;
  poster: ChannelPoster;
  org: () => OrgIndex;
  /** TODAY, when pinned; otherwise each subscription's today is the date in its time zone. */
  pinnedToday?: string;
  /** The local hour (0–23) of the daily run. */
  hour: number;
  /** The time zone of new subscriptions (TIME_ZONE; Europe/Rome by default). */
  defaultTimeZone?: string;
  logger: Logger;
  now?: () => Date;
}

const BACKOFF_BASE_MS = 1_000;
/** Subscriptions scanned between two yields to the event loop. */
const SCAN_SLICE = 50;
const BACKOFF_MAX_MS = 5 * 60_000;

/** The key that makes a reminder happen once: subscription, package, threshold (or snooze end). */
export const reminderJobId = (subscriptionId: string, packageId: string, threshold: number | null, snoozedUntil?: string): string =>
  `${subscriptionId}|${packageId}|${threshold === null ? `after-${snoozedUntil ?? ''}` : String(threshold)}`;

/**
 * Renewal reminders (issue 8): a daily scan per subscription finds the packages of its workspace
 * due at a threshold and queues one card each; the queue's worker posts them within Teams' limits.
 * The scan is idempotent (job ids are the reminder keys), so several instances may run it.
 */
export class ReminderService {
  readonly subscriptions: Subscriptions;
  readonly stats: ReminderStats = { sent: 0, skipped: 0, throttled: 0, retried: 0, deactivated: 0, possibleRepeats: 0 };
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  /** One formatter per time zone (building one per subscription and tick costs time and memory). */
  private readonly hourFormats = new Map<string, Intl.DateTimeFormat>();

  constructor(private readonly deps: ReminderServiceDeps) {
    this.subscriptions = new Subscriptions(deps.storage);
    this.now = deps.now ?? (() => new Date());
  }

  get defaultTimeZone(): string {
    return this.deps.defaultTimeZone ?? 'Europe/Rome';
  }

  todayOf(sub: Pick<Subscription, 'timeZone'>): string {
    return this.deps.pinnedToday ?? isoDateIn(sub.timeZone, this.now());
  }

  /** The packages of the subscription's workspace, as the subscriber may see them today (rule 2 checked). */
  private duePackages(org: OrgIndex, sub: Subscription, subscriber: User, today: string): ExpiringPackage[] {
    const max = Math.max(...sub.thresholds, 0);
    return expiringQuery({ org, user: subscriber, today, workspace: sub.workspaceId }, { within: `P${max}D` }).packages;
  }

  /**
   * Queues what a subscription is due for today. A subscriber who lost the Customer Activity of the
   * workspace stops the subscription: a channel never receives what its subscriber may not see.
   */
  async scan(org: OrgIndex, sub: Subscription): Promise<number> {
    if (!sub.active) return 0;
    const today = this.todayOf(sub);
    const subscriber = org.users.get(sub.subscribedBy);
    if (!subscriber || !canSeeActivity(org, subscriber, sub.workspaceId)) {
      await this.subscriptions.recordFailure(sub.id, { at: this.now().toISOString(), reason: 'lost-access' }, true);
      this.stats.deactivated += 1;
      return 0;
    }
    let queued = 0;
    for (const pkg of this.duePackages(org, sub, subscriber, today)) {
      const state = await this.subscriptions.packageState(sub.conversationId, pkg.id);
      const job = this.nextJob(sub, pkg, state, today);
      if (!job) continue;
      // queue first (idempotent by id), then remember: a crash in between queues nothing twice
      await this.deps.queue.add({ id: job.id, conversationId: sub.conversationId, data: job.data });
      await this.subscriptions.updatePackageState(sub.conversationId, pkg.id, (s) => ({
        ...s,
        reminded: job.data.threshold === null || s.reminded.includes(job.data.threshold) ? s.reminded : [...s.reminded, job.data.threshold],
        ...(s.snoozedUntil && today >= s.snoozedUntil ? { snoozedUntil: undefined, snoozedBy: undefined } : {}),
      }));
      queued += 1;
    }
    return queued;
  }

  private nextJob(sub: Subscription, pkg: ExpiringPackage, state: PackageState, today: string): { id: string; data: ReminderJob } | undefined {
    if (state.handledBy) return undefined;
    if (state.snoozedUntil && today < state.snoozedUntil) return undefined;
    const due = dueThreshold(pkg.daysLeft, sub.thresholds, state.reminded);
    // a snooze that ended brings the reminder back once (as the threshold due now, if any)
    const threshold = due ?? (state.snoozedUntil ? null : undefined);
    if (threshold === undefined) return undefined;
    return {
      id: reminderJobId(sub.id, pkg.id, threshold, state.snoozedUntil),
      data: { subscriptionId: sub.id, packageId: pkg.id, threshold },
    };
  }

  /**
   * Scans every subscription whose local hour has come and that was not scanned today. The mark is
   * written after the scan: a process that dies mid-scan leaves it to the next tick (scanning twice
   * queues nothing twice), never a subscription skipped for the day.
   */
  async scanDue(): Promise<number> {
    const org = this.deps.org();
    let queued = 0;
    let seen = 0;
    for (const id of await this.subscriptions.ids()) {
      // stored reads may resolve without any I/O: let turns and sends run between subscriptions
      if (++seen % SCAN_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const sub = await this.subscriptions.get(id);
      if (!sub?.active || !this.hourHasCome(sub)) continue;
      // one mark per subscription, overwritten each day: nothing piles up
      const mark = `reminders/scanned/${encodeURIComponent(id)}`;
      const today = this.todayOf(sub);
      if ((await this.deps.storage.read<string>(mark))?.value === today) continue;
      queued += await this.scan(org, sub);
      await this.deps.storage.write(mark, today);
    }
    return queued;
  }

  private hourHasCome(sub: Subscription): boolean {
    let format = this.hourFormats.get(sub.timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-GB', { timeZone: sub.timeZone, hour: '2-digit', hourCycle: 'h23' });
      this.hourFormats.set(sub.timeZone, format);
    }
    return Number(format.format(this.now())) >= this.deps.hour;
  }

  /** When the daily run happens next for a subscription (its time zone, the configured hour). */
  nextRun(sub: Subscription): string {
    const today = this.todayOf(sub);
    const day = this.hourHasCome(sub) ? addDays(today, 1) : today;
    return `${day} ${String(this.deps.hour).padStart(2, '0')}:00 ${sub.timeZone}`;
  }

  /** Runs the scan every minute (cheap when nothing is due) and works the queue. */
  start(intervalMs = 60_000): void {
    this.deps.queue.start((job, context) => this.deliver(job, context));
    let scanning = false;
    const tick = (): void => {
      if (scanning) return; // a long scan (thousands of channels) is not started twice
      scanning = true;
      this.scanDue()
        .catch((e: unknown) => this.deps.logger.error({ err: e }, 'reminders: daily scan failed'))
        .finally(() => (scanning = false));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.deps.queue.close();
  }

  /** The queue's handler: re-checks everything at send time, posts, and records the outcome. */
  async deliver(job: DeliveryJob<ReminderJob>, context: JobContext): Promise<void> {
    if (context.maybeRepeated) {
      this.stats.possibleRepeats += 1;
      this.deps.logger.warn({ job: job.id }, 'reminders: a send was in flight when the process stopped; it may repeat once');
    }
    const { subscriptionId, packageId, threshold } = job.data;
    const sub = await this.subscriptions.get(subscriptionId);
    const org = this.deps.org();
    const card = sub?.active ? await this.cardFor(org, sub, packageId) : undefined;
    if (!sub || !card) {
      this.stats.skipped += 1;
      return;
    }
    try {
      await this.deps.poster.post(sub.address, card);
    } catch (error) {
      throw await this.failed(sub, packageId, error, context.attempt);
    }
    this.stats.sent += 1;
    await this.subscriptions.recordDelivery(sub.id, { packageId, threshold: threshold ?? -1, at: this.now().toISOString() });
  }

  /** The reminder card as of now, or undefined when it no longer applies (handled, renewed, access lost). */
  private async cardFor(org: OrgIndex, sub: Subscription, packageId: string) {
    const state = await this.subscriptions.packageState(sub.conversationId, packageId);
    const subscriber = org.users.get(sub.subscribedBy);
    const workspace = org.workspaces.get(sub.workspaceId);
    if (state.handledBy || !subscriber || !workspace) return undefined;
    const today = this.todayOf(sub);
    let pkg: ExpiringPackage | undefined;
    try {
      pkg = this.duePackages(org, sub, subscriber, today).find((p) => p.id === packageId);
    } catch (e) {
      if (isAppError(e)) return undefined; // rule 2 no longer holds: the next scan stops the subscription
      throw e;
    }
    if (!pkg) return undefined;
    const contract = org.contracts.get(pkg.contractId);
    return reminderCard(cardContext(sub.locale, today), {
      subscriptionId: sub.id,
      workspace: { id: workspace.id, name: workspace.name },
      pkg,
      csam: contract?.csam ?? { name: '', email: '' },
    });
  }

  private async failed(sub: Subscription, packageId: string, error: unknown, attempt: number): Promise<Error> {
    const status = error instanceof PostError ? error.status : undefined;
    const at = this.now().toISOString();
    const outcome = status === undefined ? 'retry' : classifyStatus(status);
    const reason = status === undefined ? (error instanceof Error ? error.message : String(error)) : `HTTP ${status}`;
    if (outcome === 'throttled') {
      this.stats.throttled += 1;
      const retryAfter = error instanceof PostError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoff(attempt);
      return new RetryLater(retryAfter, reason, true);
    }
    await this.subscriptions.recordFailure(sub.id, { at, reason, packageId }, outcome === 'gone');
    if (outcome === 'gone') {
      this.stats.deactivated += 1;
      return new GiveUp(`${reason}: subscription stopped`);
    }
    if (outcome === 'refused') return new GiveUp(reason);
    this.stats.retried += 1;
    return new RetryLater(backoff(attempt), reason);
  }

  /** "Rimanda di 7 giorni" / "Segna come gestito": anyone who may see W's Customer Activity, re-checked. */
  async settle(
    org: OrgIndex,
    user: User,
    subscriptionId: string,
    packageId: string,
    kind: 'snoozed' | 'handled',
  ): Promise<{ kind: 'ok'; sub: Subscription; state: PackageState } | { kind: 'forbidden'; workspaceId: string } | { kind: 'unknown' }> {
    const sub = await this.subscriptions.get(subscriptionId);
    if (!sub || !org.packages.has(packageId)) return { kind: 'unknown' };
    if (!canSeeActivity(org, user, sub.workspaceId)) return { kind: 'forbidden', workspaceId: sub.workspaceId };
    const today = this.todayOf(sub);
    const at = this.now().toISOString();
    const state = await this.subscriptions.updatePackageState(sub.conversationId, packageId, (s) =>
      kind === 'handled' ? { ...s, handledBy: user.id, handledAt: at } : { ...s, snoozedUntil: addDays(today, SNOOZE_DAYS), snoozedBy: user.id },
    );
    return { kind: 'ok', sub, state };
  }

  /** The card of a reminder again (after a snooze or handled click), as it reads now. */
  cardAfterSettle(org: OrgIndex, sub: Subscription, packageId: string, settled: { kind: 'snoozed' | 'handled'; by: string; until?: string }) {
    const subscriber = org.users.get(sub.subscribedBy);
    const workspace = org.workspaces.get(sub.workspaceId);
    if (!subscriber || !workspace) return undefined;
    const today = this.todayOf(sub);
    const max = Math.max(...sub.thresholds, 0);
    const pkg = expiringQuery({ org, user: subscriber, today, workspace: sub.workspaceId }, { within: `P${Math.max(max, 366)}D` }).packages.find(
      (p) => p.id === packageId,
    );
    if (!pkg) return undefined;
    return reminderCard(cardContext(sub.locale, today), {
      subscriptionId: sub.id,
      workspace: { id: workspace.id, name: workspace.name },
      pkg,
      csam: org.contracts.get(pkg.contractId)?.csam ?? { name: '', email: '' },
      settled,
    });
  }

  /** `reminders run`: the subscriptions of one conversation, scanned now (admins of their workspaces only). */
  async runNow(org: OrgIndex, user: User, conversationId: string): Promise<{ count: number; queued: number; notAdminOf?: string }> {
    const subs = (await this.subscriptions.inConversation(conversationId)).filter((s) => s.active);
    const refused = subs.find((s) => !isAdminOf(org, user, s.workspaceId));
    if (refused) return { count: subs.length, queued: 0, notAdminOf: refused.workspaceId };
    let queued = 0;
    for (const sub of subs) queued += await this.scan(org, sub);
    return { count: subs.length, queued };
  }
}

/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … at most 5 minutes. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}
