import { renderCard } from '../../cards/render-card';
import { listCard, type ListItem } from '../../cards/list-card';
import { messageCard } from '../../cards/message-card';
import { VERBS } from '../../cards/verbs';
import { canSeeActivity } from '../../domain/access';
import { forbidden } from '../../domain/errors';
import { DEFAULT_THRESHOLDS, normalizeThresholds } from '../../domain/reminder-schedule';
import { formatDate, formatDateTime } from '../../i18n/format';
import { resolveScope } from '../../queries/scope';
import type { ReminderService } from '../../reminders/reminder-service';
import type { ConversationAddress, Subscription } from '../../reminders/subscriptions';
import type { Handler, Reply, TurnRequest } from '../turn-request';
import { arg } from './action-args';

// Renewal reminders in a channel or group chat (issue 8): subscribe after a warning card, status,
// unsubscribe, run now; snooze and handled on the reminder cards. Everything re-checked here.

const refuseRole = (workspace: { id: string; name: string }): never => {
  throw forbidden('errors.forbidden.role', { role: 'customer-activity', workspace: workspace.name, workspaceId: workspace.id });
};

function service(r: TurnRequest): ReminderService | Reply[] {
  return r.reminders ?? [{ text: r.t('reminders.noHost') }];
}

const inChannel = (r: TurnRequest): boolean => r.conversation.kind !== 'personal';

/** A channel's id without the thread (";messageid=…"): reminders are new posts, found from any thread. */
const channelId = (r: TurnRequest): string => r.conversation.id.split(';messageid=')[0] ?? r.conversation.id;

/** Where reminders go: the channel itself, not a reply to the message or card that subscribed it. */
function channelAddress(r: TurnRequest): ConversationAddress {
  const { activityId: _reply, ...reference } = r.origin.reference;
  return { ...reference, conversation: { ...(reference.conversation ?? {}), id: channelId(r) } };
}
const daysText = (r: TurnRequest, days: readonly number[]): string => [...days].sort((a, b) => b - a).join(r.locale === 'it' ? ', ' : ', ');

/** The workspace a reminder command is about: named, else remembered, else the default; rule 2 holds there. */
function workspaceOf(r: TurnRequest, named = arg(r, 'workspaceId') ?? r.nlu.entities.workspace ?? r.scope) {
  const scope = resolveScope(r.org, r.user, named?.trim().toLowerCase() === 'all' ? undefined : named);
  if (scope.kind !== 'workspace') return refuseRole({ id: '', name: '' });
  if (!canSeeActivity(r.org, r.user, scope.workspace.id)) refuseRole(scope.workspace);
  return scope.workspace;
}

/** "avvisa questo canale 90, 30 e 7 giorni prima delle scadenze": a warning card first. */
export const subscribeReminders: Handler = (r) => {
  const reminders = service(r);
  if (Array.isArray(reminders)) return reminders;
  if (!inChannel(r)) return [{ text: r.t('reminders.notHere') }];
  const workspace = workspaceOf(r);
  const asked = normalizeThresholds(r.nlu.entities.thresholds ?? []);
  const thresholds = asked.length > 0 ? asked : [...DEFAULT_THRESHOLDS];
  const days = daysText(r, thresholds);
  const data = { workspaceId: workspace.id, thresholds: thresholds.join(','), locale: r.locale };
  return [
    {
      card: renderCard('confirm', {
        title: r.t('reminders.confirmTitle', { workspace: workspace.name }),
        question: r.t('reminders.confirmText', { workspace: workspace.name, days }),
        facts: [
          { title: r.t('approval.workspace'), value: workspace.name },
          { title: r.t('reminders.daysLabel'), value: days },
        ],
        buttons: [
          { title: r.t('reminders.confirm'), verb: VERBS.remindersConfirm, data: { ...data, decision: 'confirm' }, style: 'positive' },
          { title: r.t('reminders.cancel'), verb: VERBS.remindersConfirm, data: { ...data, decision: 'cancel' }, style: 'default' },
        ],
      }),
    },
  ];
};

/** The Subscribe button: who clicks it must see W's Customer Activity now; the subscription is theirs. */
export const confirmReminders: Handler = async (r) => {
  const reminders = service(r);
  if (Array.isArray(reminders)) return reminders;
  if (!inChannel(r)) return [{ text: r.t('reminders.notHere') }];
  if (arg(r, 'decision') !== 'confirm') return [{ card: messageCard({ text: r.t('reminders.cancelled') }) }];
  const workspace = workspaceOf(r);
  const thresholds = normalizeThresholds((arg(r, 'thresholds') ?? '').split(',').map(Number));
  if (thresholds.length === 0) return [{ text: r.t('turn.staleAction') }];
  await reminders.subscriptions.upsert({
    id: crypto.randomUUID(),
    conversationId: channelId(r),
    address: channelAddress(r),
    workspaceId: workspace.id,
    thresholds,
    locale: r.locale,
    timeZone: reminders.defaultTimeZone,
    subscribedBy: r.user.id,
    createdAt: new Date().toISOString(),
    active: true,
    lastDeliveries: [],
    failures: [],
  });
  const text = r.t('reminders.subscribed', { workspace: workspace.name, days: daysText(r, thresholds), name: r.user.displayName });
  return [{ card: messageCard({ text, color: 'good' }) }];
};

function statusItem(r: TurnRequest, reminders: ReminderService, sub: Subscription): ListItem {
  const name = (id: string) => r.org.users.get(id)?.displayName ?? id;
  const pkg = (id: string) => r.org.packages.get(id)?.name ?? id;
  const last = sub.lastDeliveries.slice(0, 3).map((d) => `${pkg(d.packageId)} (${formatDateTime(r.locale, d.at)})`);
  const failures = sub.failures.slice(0, 3).map((f) => `${f.reason} (${formatDateTime(r.locale, f.at)})`);
  const reason = sub.deactivated?.reason;
  const stopped = reason
    ? r.t('reminders.statusInactive', {
        reason:
          reason === 'HTTP 403'
            ? r.t('reminders.deactivated.forbidden')
            : reason === 'HTTP 404'
              ? r.t('reminders.deactivated.notFound')
              : reason === 'lost-access'
                ? r.t('reminders.deactivated.lostAccess', { name: name(sub.subscribedBy), workspace: r.org.workspaces.get(sub.workspaceId)?.name ?? '' })
                : reason,
      })
    : undefined;
  return {
    title: r.org.workspaces.get(sub.workspaceId)?.name ?? sub.workspaceId,
    subtitle: [
      r.t('reminders.statusLine', { days: daysText(r, sub.thresholds), zone: sub.timeZone, name: name(sub.subscribedBy) }),
      stopped ?? r.t('reminders.statusNext', { when: reminders.nextRun(sub) }),
      r.t('reminders.statusLast', { items: last.length ? last.join(', ') : r.t('reminders.statusNone') }),
      ...(failures.length ? [r.t('reminders.statusFailures', { items: failures.join(', ') })] : []),
    ].join('\n'),
    color: sub.active ? 'Default' : 'Attention',
  };
}

/** "quali promemoria sono attivi?": every subscription of this conversation, next run, last sends and failures. */
export const remindersStatus: Handler = async (r) => {
  const reminders = service(r);
  if (Array.isArray(reminders)) return reminders;
  const subs = await reminders.subscriptions.inConversation(channelId(r));
  return [
    {
      card: listCard({
        title: r.t('reminders.statusTitle'),
        subtitle: formatDate(r.locale, r.today),
        items: subs.map((s) => statusItem(r, reminders, s)),
        empty: r.t('reminders.notSubscribed'),
      }),
    },
  ];
};

/** "basta promemoria di rinnovo qui": for the workspace named, else all of this conversation's. */
export const unsubscribeReminders: Handler = async (r) => {
  const reminders = service(r);
  if (Array.isArray(reminders)) return reminders;
  const named = r.nlu.entities.workspace;
  const workspaceId = named ? workspaceOf(r, named).id : undefined;
  const subs = (await reminders.subscriptions.inConversation(channelId(r))).filter((s) => !workspaceId || s.workspaceId === workspaceId);
  if (subs.length === 0) return [{ text: r.t('reminders.notSubscribed') }];
  // stopping needs the same right as starting: rule 2 for each workspace concerned
  const blocked = subs.find((s) => !canSeeActivity(r.org, r.user, s.workspaceId));
  if (blocked) refuseRole(r.org.workspaces.get(blocked.workspaceId) ?? { id: blocked.workspaceId, name: blocked.workspaceId });
  for (const s of subs) await reminders.subscriptions.remove(channelId(r), s.workspaceId);
  const workspaces = subs.map((s) => r.org.workspaces.get(s.workspaceId)?.name ?? s.workspaceId).join(', ');
  return [{ text: r.t('reminders.unsubscribed', { workspaces }) }];
};

/** `reminders run`: an admin scans this conversation's subscriptions now. */
export const runReminders: Handler = async (r) => {
  const reminders = service(r);
  if (Array.isArray(reminders)) return reminders;
  const outcome = await reminders.runNow(r.org, r.user, channelId(r));
  if (outcome.count === 0) return [{ text: r.t('reminders.notSubscribed') }];
  if (outcome.notAdminOf) {
    return [{ card: messageCard({ text: r.t('reminders.runNotAdmin', { workspace: r.org.workspaces.get(outcome.notAdminOf)?.name ?? '' }), color: 'attention' }) }];
  }
  return [{ text: r.t('reminders.runDone', { count: outcome.count, queued: outcome.queued }) }];
};

function settleReminder(kind: 'snoozed' | 'handled'): Handler {
  return async (r) => {
    const reminders = service(r);
    if (Array.isArray(reminders)) return reminders;
    const subscriptionId = arg(r, 'subscriptionId');
    const packageId = arg(r, 'packageId');
    if (!subscriptionId || !packageId) return [{ text: r.t('turn.staleAction') }];
    const outcome = await reminders.settle(r.org, r.user, subscriptionId, packageId, kind);
    if (outcome.kind === 'unknown') return [{ card: messageCard({ text: r.t('turn.staleAction'), color: 'attention' }) }];
    if (outcome.kind === 'forbidden') refuseRole(r.org.workspaces.get(outcome.workspaceId) ?? { id: outcome.workspaceId, name: outcome.workspaceId });
    if (outcome.kind !== 'ok') return [];
    const card = reminders.cardAfterSettle(r.org, outcome.sub, packageId, {
      kind,
      by: r.user.displayName,
      ...(outcome.state.snoozedUntil ? { until: outcome.state.snoozedUntil } : {}),
    });
    return card ? [{ card }] : [{ card: messageCard({ text: r.t(kind === 'handled' ? 'reminders.card.handledShort' : 'reminders.card.snoozedShort') }) }];
  };
}

export const snoozeReminder: Handler = settleReminder('snoozed');
export const reminderHandled: Handler = settleReminder('handled');
