import { addDays } from '../domain/dates';
import type { Dataset } from '../domain/records';
import { Subscriptions, type Subscription } from '../reminders/subscriptions';
import type { KeyValueStorage } from '../storage/storage';

// A fleet of channels subscribed to renewal reminders, for the reminders bench and the load tests
// (crash and several instances): one workspace whose one package ends within the smallest
// threshold, so that each channel is due exactly one reminder on the day.

export const FLEET_TENANT = '7c1d9e2a-4b3f-4a58-8e6d-2f0a1b3c4d5e';
export const FLEET_WORKSPACE = 'ws-fleet';
export const FLEET_PACKAGE = 'pkg-fleet';
const ADMIN_ID = 'u-fleet-admin';
const CONTRACT_ID = 'c-fleet';

/** The smallest organization that makes every fleet channel due one card on `today`. */
export function fleetDataset(today: string): Dataset {
  return {
    organization: { id: 'org-fleet', name: 'Fleet', tenantId: FLEET_TENANT },
    users: [
      {
        id: ADMIN_ID,
        email: 'admin@fleet.example',
        displayName: 'Fleet Admin',
        aadObjectId: 'f0000000-0000-4000-8000-000000000001',
        accountType: 'work',
        customerAdmin: true,
      },
    ],
    contracts: [
      {
        id: CONTRACT_ID,
        number: '9100-01',
        type: 'Unified',
        startDate: addDays(today, -360),
        endDate: addDays(today, 5),
        servicesAdministratorId: ADMIN_ID,
        supportContactIds: [],
        csam: { name: 'Marta Galli', email: 'marta.galli@microsoft.com' },
      },
    ],
    workspaces: [
      { id: FLEET_WORKSPACE, name: 'Fleet', isDefault: true, contractIds: [CONTRACT_ID], accountPolicy: 'work-only', adminIds: [ADMIN_ID] },
    ],
    memberships: [{ workspaceId: FLEET_WORKSPACE, userId: ADMIN_ID, roles: ['customer-activity'], status: 'active' }],
    groups: [],
    packages: [
      {
        id: FLEET_PACKAGE,
        contractId: CONTRACT_ID,
        name: 'Unified Enterprise',
        kind: 'enterprise',
        status: 'active',
        startDate: addDays(today, -360),
        endDate: addDays(today, 5),
      },
    ],
    entitlements: [
      { id: 'ent-fleet', packageId: FLEET_PACKAGE, name: 'Proactive credits', category: 'proactive-credits', kind: 'consumption', unit: 'credits', purchased: 100 },
    ],
    consumption: [{ id: 'cr-fleet', entitlementId: 'ent-fleet', date: addDays(today, -30), quantity: 40 }],
    cases: [],
    training: [],
  };
}

export const fleetConversationId = (i: number): string => `19:fleet-${String(i).padStart(5, '0')}@thread.tacv2`;

/** The subscription of channel `i`: posts go to `serviceUrl`, the daily run is in UTC. */
export function fleetSubscription(i: number, serviceUrl: string): Subscription {
  const conversationId = fleetConversationId(i);
  return {
    id: `sub-fleet-${String(i).padStart(5, '0')}`,
    conversationId,
    address: {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: FLEET_TENANT },
      bot: { id: '28:bot', name: 'Activity Bot' },
    },
    workspaceId: FLEET_WORKSPACE,
    thresholds: [30, 7],
    locale: 'en',
    timeZone: 'UTC',
    subscribedBy: ADMIN_ID,
    createdAt: '2026-01-01T00:00:00.000Z',
    active: true,
    lastDeliveries: [],
    failures: [],
  };
}

/** Subscribes channels 0 … count-1, a few at a time (each upsert waits for its writes to be stored). */
export async function seedFleet(storage: KeyValueStorage, count: number, serviceUrl: string, parallel = 16): Promise<void> {
  const subscriptions = new Subscriptions(storage);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await subscriptions.upsert(fleetSubscription(next++, serviceUrl));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

/** A reminder as the connector saw it: the channel it was posted in and the package it is about. */
export interface ReminderPost {
  conversationId: string;
  packageId: string;
}

/** The package of a posted reminder card (its Snooze button's data), if the activity is one. */
export function reminderPackageOf(activity: unknown): string | undefined {
  const attachments = (activity as { attachments?: { content?: { actions?: { data?: { packageId?: unknown } }[] } }[] } | undefined)?.attachments;
  for (const action of attachments?.[0]?.content?.actions ?? []) {
    if (typeof action.data?.packageId === 'string') return action.data.packageId;
  }
  return undefined;
}

/**
 * Of `expected` reminders (one per channel and package), how many reached the connector, how many
 * never did, how many posts repeated one already there, and the channels that got a repeat.
 */
export function tallyReminders(
  posts: readonly ReminderPost[],
  expected: number,
): { distinct: number; lost: number; duplicates: number; repeatedChannels: string[] } {
  const perReminder = new Map<string, { conversationId: string; posts: number }>();
  for (const { conversationId, packageId } of posts) {
    const key = `${conversationId}|${packageId}`;
    perReminder.set(key, { conversationId, posts: (perReminder.get(key)?.posts ?? 0) + 1 });
  }
  const repeated = [...perReminder.values()].filter((r) => r.posts > 1);
  return {
    distinct: perReminder.size,
    lost: Math.max(0, expected - perReminder.size),
    duplicates: repeated.reduce((sum, r) => sum + r.posts - 1, 0),
    repeatedChannels: repeated.map((r) => r.conversationId),
  };
}
