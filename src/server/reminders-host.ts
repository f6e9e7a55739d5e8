import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NotifierPoster } from '../bot/notifier-poster';
import type { Notifier } from '../bot/notifier';
import type { OrgIndex } from '../domain/org-index';
import type { Logger } from '../domain/ports';
import type { DeliveryQueue } from '../reminders/delivery-queue';
import { BullMqDeliveryQueue } from '../reminders/queue/bullmq-queue';
import { EmbeddedDeliveryQueue } from '../reminders/queue/embedded-queue';
import { ReminderService, type ReminderJob } from '../reminders/reminder-service';
import type { KeyValueStorage } from '../storage/storage';
import type { Config } from './config';

/**
 * The reminders of a running server: the queue that fits the storage (BullMQ on the same Redis,
 * else an embedded queue in STATE_DIR — or a throwaway folder with STORAGE=memory), posting through
 * the proactive notifier.
 */
export async function createReminders(
  config: Config,
  deps: { storage: KeyValueStorage; notifier: Notifier; org: () => OrgIndex; logger: Logger },
): Promise<{ service: ReminderService; queue: DeliveryQueue<ReminderJob>; close: () => Promise<void> }> {
  const limits = config.reminders;
  const onError = (err: Error): void => deps.logger.error({ err }, 'reminders: delivery queue error');
  let cleanup = (): Promise<void> => Promise.resolve();
  let queue: DeliveryQueue<ReminderJob>;
  if (config.storage === 'redis') {
    const { url, cluster, tls, keyPrefix } = config.redis;
    // on a cluster the queue's keys share one slot through the {hash tag} (BullMQ's scripts need it)
    const prefix = cluster ? `${keyPrefix}{queue}` : `${keyPrefix}queue`;
    queue = new BullMqDeliveryQueue<ReminderJob>({ url, cluster, tls, prefix, ...limits, onError });
  } else {
    let dir = path.resolve(config.stateDir, 'delivery-queue');
    if (config.storage === 'memory') {
      const temp = await mkdtemp(path.join(tmpdir(), 'activity-bot-queue-'));
      dir = temp;
      cleanup = () => rm(temp, { recursive: true, force: true });
    }
    queue = new EmbeddedDeliveryQueue<ReminderJob>({ dir, ...limits, onError });
  }
  const service = new ReminderService({
    storage: deps.storage,
    queue,
    poster: new NotifierPoster(deps.notifier),
    org: deps.org,
    ...(config.today ? { pinnedToday: config.today } : {}),
    hour: limits.hour,
    defaultTimeZone: config.timeZone,
    logger: deps.logger,
  });
  return {
    service,
    queue,
    close: async () => {
      await service.stop();
      await cleanup();
    },
  };
}
