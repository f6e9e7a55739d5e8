import type { Locale } from '../domain/vocabulary';
import type { KeyValueStorage } from '../storage/storage';
import { updateStored } from '../storage/update-stored';

// Channels (and group chats) subscribed to renewal reminders of a workspace. One record per
// subscription, an index of all of them for the daily scan, and one list per conversation.

/** Where to post: the Bot Framework conversation reference, kept opaque outside the bot layer. */
export type ConversationAddress = Readonly<Record<string, unknown>>;

export interface Delivery {
  packageId: string;
  threshold: number;
  at: string;
}

export interface Failure {
  at: string;
  reason: string;
  packageId?: string;
}

export interface Subscription {
  id: string;
  conversationId: string;
  address: ConversationAddress;
  workspaceId: string;
  /** Days before expiry, largest first. */
  thresholds: number[];
  locale: Locale;
  timeZone: string;
  subscribedBy: string;
  createdAt: string;
  active: boolean;
  /** Why it stopped (403: the bot was removed or blocked; 404: the conversation is gone; a lost role). */
  deactivated?: { reason: string; at: string };
  lastDeliveries: Delivery[];
  failures: Failure[];
}

/** Per conversation and package: what was reminded, snoozed, handled (snooze and handled are per channel). */
export interface PackageState {
  reminded: number[];
  snoozedUntil?: string;
  snoozedBy?: string;
  handledBy?: string;
  handledAt?: string;
}

const KEEP = 10;
const subKey = (id: string) => `reminders/subscription/${encodeURIComponent(id)}`;
const convKey = (conversationId: string) => `reminders/conversation/${encodeURIComponent(conversationId)}`;
// The index is split in shards, so that subscribing rewrites a small list even with 10,000 channels.
const INDEX_SHARDS = 64;
const indexKey = (id: string): string => {
  let h = 0;
  for (let i = 0; i < id.length; i += 1) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return `reminders/index/${h % INDEX_SHARDS}`;
};
const stateKey = (conversationId: string, packageId: string) =>
  `reminders/state/${encodeURIComponent(conversationId)}/${encodeURIComponent(packageId)}`;

export class Subscriptions {
  constructor(private readonly storage: KeyValueStorage) {}

  async get(id: string): Promise<Subscription | undefined> {
    return (await this.storage.read<Subscription>(subKey(id)))?.value;
  }

  async inConversation(conversationId: string): Promise<Subscription[]> {
    const ids = (await this.storage.read<string[]>(convKey(conversationId)))?.value ?? [];
    return (await Promise.all(ids.map((id) => this.get(id)))).filter((s): s is Subscription => s !== undefined);
  }

  /** Every subscription id (shard by shard; within a shard, in the order they were made). */
  async ids(): Promise<string[]> {
    const shards = await Promise.all(Array.from({ length: INDEX_SHARDS }, (_, i) => this.storage.read<string[]>(`reminders/index/${i}`)));
    return shards.flatMap((s) => s?.value ?? []);
  }

  /** Subscribes (or updates the thresholds of) the conversation for a workspace: one per pair. */
  async upsert(subscription: Subscription): Promise<Subscription> {
    const existing = (await this.inConversation(subscription.conversationId)).find((s) => s.workspaceId === subscription.workspaceId);
    const stored: Subscription = existing
      ? { ...existing, thresholds: subscription.thresholds, locale: subscription.locale, address: subscription.address, active: true, subscribedBy: subscription.subscribedBy }
      : subscription;
    if (existing) delete stored.deactivated;
    await this.storage.write(subKey(stored.id), stored);
    if (!existing) {
      await this.addTo(indexKey(stored.id), stored.id);
      await this.addTo(convKey(stored.conversationId), stored.id);
    }
    return stored;
  }

  /** Stops a conversation's reminders for a workspace (all of them without one); returns what stopped. */
  async remove(conversationId: string, workspaceId?: string): Promise<Subscription[]> {
    const removed = (await this.inConversation(conversationId)).filter((s) => workspaceId === undefined || s.workspaceId === workspaceId);
    for (const s of removed) {
      await this.storage.delete(subKey(s.id));
      await this.removeFrom(indexKey(s.id), s.id);
      await this.removeFrom(convKey(conversationId), s.id);
    }
    return removed;
  }

  /** Read-modify-write of one subscription by compare-and-set (deliveries from several workers). */
  update(id: string, change: (s: Subscription) => Subscription): Promise<Subscription | undefined> {
    return updateStored<Subscription>(this.storage, subKey(id), (s) => s && change(s));
  }

  recordDelivery(id: string, delivery: Delivery): Promise<Subscription | undefined> {
    return this.update(id, (s) => ({ ...s, lastDeliveries: [delivery, ...s.lastDeliveries].slice(0, KEEP) }));
  }

  recordFailure(id: string, failure: Failure, deactivate: boolean): Promise<Subscription | undefined> {
    return this.update(id, (s) => ({
      ...s,
      failures: [failure, ...s.failures].slice(0, KEEP),
      ...(deactivate ? { active: false, deactivated: { reason: failure.reason, at: failure.at } } : {}),
    }));
  }

  async packageState(conversationId: string, packageId: string): Promise<PackageState> {
    return (await this.storage.read<PackageState>(stateKey(conversationId, packageId)))?.value ?? { reminded: [] };
  }

  async updatePackageState(conversationId: string, packageId: string, change: (s: PackageState) => PackageState): Promise<PackageState> {
    const next = await updateStored<PackageState>(this.storage, stateKey(conversationId, packageId), (s) => change(s ?? { reminded: [] }));
    return next ?? { reminded: [] };
  }

  private async addTo(key: string, id: string): Promise<void> {
    await this.changeList(key, (ids) => (ids.includes(id) ? ids : [...ids, id]));
  }

  private async removeFrom(key: string, id: string): Promise<void> {
    await this.changeList(key, (ids) => ids.filter((x) => x !== id));
  }

  private async changeList(key: string, change: (ids: string[]) => string[]): Promise<void> {
    await updateStored<string[]>(this.storage, key, (ids) => change(ids ?? []));
  }
}
