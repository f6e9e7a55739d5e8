import { formatDate, formatQuantity } from '../i18n/format';
import type { ExpiringPackage } from '../queries/expiring';
import { dataAsOf, lapseHeadline, usageLine, type CardContext } from './card-context';
import { listCard } from './list-card';
import type { CardAttachment } from './render-card';
import { VERBS } from './verbs';

export interface ReminderView {
  subscriptionId: string;
  workspace: { id: string; name: string };
  pkg: ExpiringPackage;
  csam: { name: string; email: string };
  /** Once someone snoozed it or marked it handled, the card says so and keeps no buttons. */
  settled?: { kind: 'snoozed' | 'handled'; by: string; until?: string };
}

/**
 * A renewal reminder posted in a channel: the package, its contract and end date, what is left of
 * each entitlement and what will lapse unused at the current pace, the CSAM to call, and buttons to
 * open the details, snooze a week or mark it handled.
 */
export function reminderCard(c: CardContext, v: ReminderView): CardAttachment {
  const { pkg } = v;
  const when = pkg.daysLeft === 0 ? c.t('answers.expiring.today') : c.t('answers.expiring.days', { count: pkg.daysLeft });
  const tracked = pkg.entitlements.filter((e) => e.kind === 'consumption');
  const items = tracked.map((e) => {
    const unused = e.projection?.projectedUnusedAtExpiry ?? 0;
    return {
      ...usageLine(c, e),
      title: e.name,
      ...(unused > 0 ? { subtitle: `${usageLine(c, e).subtitle ?? ''}\n${c.t('reminders.card.unused', { unused: formatQuantity(c.locale, unused, e.unit) })}` } : {}),
    };
  });
  const data = { subscriptionId: v.subscriptionId, packageId: pkg.id, locale: c.locale };
  const status = v.settled
    ? v.settled.kind === 'handled'
      ? c.t('reminders.card.handled', { name: v.settled.by })
      : c.t('reminders.card.snoozed', { name: v.settled.by, date: formatDate(c.locale, v.settled.until ?? c.today) })
    : undefined;
  return listCard({
    title: c.t('reminders.card.title', { name: pkg.name, when }),
    subtitle: c.t('reminders.card.subtitle', { contract: pkg.contractNumber, date: formatDate(c.locale, pkg.endDate), workspace: v.workspace.name }),
    ...(status ? { headline: status } : lapseHeadline(c, tracked) ? { headline: lapseHeadline(c, tracked) } : {}),
    items,
    empty: c.t('reminders.card.noTracked'),
    footer: `${c.t('reminders.card.csam', { name: v.csam.name, email: v.csam.email })} · ${dataAsOf(c)}`,
    buttons: [
      { title: c.t('reminders.card.details'), verb: VERBS.packages, data: { workspace: v.workspace.id, contract: pkg.contractId, package: pkg.name, locale: c.locale } },
      ...(v.settled
        ? []
        : [
            { title: c.t('reminders.card.snooze'), verb: VERBS.reminderSnooze, data },
            { title: c.t('reminders.card.handle'), verb: VERBS.reminderHandled, data },
          ]),
    ],
  });
}
