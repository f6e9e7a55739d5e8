import { historyCard, remainingCard } from '../../cards/activity-cards';
import { CATEGORY_IDS, CATEGORY_LABELS } from '../../domain/vocabulary';
import { historyQuery } from '../../queries/history';
import { remainingQuery } from '../../queries/remaining';
import { cardContextOf, queryContextOf, type SnapshotHandler } from '../turn-request';
import { arg } from './action-args';
import { defined } from './flags-from-entities';

/**
 * The drilldown of one entitlement. From a button the id, page and dates come from the client:
 * the query re-checks each (an entitlement outside the scope is "not found", a bad page a bad request).
 */
export const history: SnapshotHandler = (r) => {
  const entitlementId = arg(r, 'entitlementId');
  if (entitlementId) {
    const flags = defined({ entitlement: entitlementId, since: arg(r, 'since'), until: arg(r, 'until'), page: arg(r, 'page') });
    return [{ card: historyCard(cardContextOf(r), historyQuery(queryContextOf(r), flags)) }];
  }
  const category = r.nlu.entities.category;
  if (!category) {
    const examples = CATEGORY_IDS.slice(0, 4).map((id) => CATEGORY_LABELS[id][r.locale].toLowerCase());
    return [{ text: r.t('answers.chooseCategory', { examples: examples.join(', ') }) }];
  }
  const { since, until } = r.nlu.entities;
  const choices = remainingQuery(queryContextOf(r), { category });
  const only = choices.entitlements.length === 1 ? choices.entitlements[0] : undefined;
  if (only) {
    const flags = defined({ entitlement: only.id, since, until });
    return [{ card: historyCard(cardContextOf(r), historyQuery(queryContextOf(r), flags)) }];
  }
  // several entitlements of the category: a card to pick one (each line opens its history), never a guess
  return [{ card: remainingCard(cardContextOf(r), choices) }];
};

/** The entitlements behind one summary line (group and unit), each opening its history. */
export const entitlements: SnapshotHandler = (r) => {
  const flags = defined({ group: arg(r, 'group'), unit: arg(r, 'unit'), category: arg(r, 'category') });
  return [{ card: remainingCard(cardContextOf(r), remainingQuery(queryContextOf(r), flags)) }];
};
