import { historyCard } from '../../cards/activity-cards';
import { listCard } from '../../cards/list-card';
import { CATEGORY_IDS, CATEGORY_LABELS } from '../../domain/vocabulary';
import { historyQuery } from '../../queries/history';
import { remainingQuery } from '../../queries/remaining';
import { cardContextOf, queryContextOf, type Handler, type TurnRequest } from '../turn-request';
import { defined } from './flags-from-entities';

export const HISTORY_VERB = 'history';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The drilldown of one entitlement; the id comes from a button, re-checked by the query like any input. */
function historyOf(r: TurnRequest, entitlement: string, page?: string): ReturnType<Handler> {
  const { since, until } = r.nlu.entities;
  const workspace = text(r.action?.workspace) ?? r.nlu.entities.workspace ?? r.scope;
  const result = historyQuery(queryContextOf(r, workspace), defined({ entitlement, since, until, page }));
  return [{ card: historyCard(cardContextOf(r), result) }];
}

/**
 * "dettaglio dei workshop consumati da gennaio": one entitlement of the category answers at once;
 * several get a card to pick one (never a guess).
 */
export const history: Handler = (r) => {
  const fromButton = text(r.action?.entitlementId);
  if (fromButton) return historyOf(r, fromButton, text(r.action?.page));
  const category = r.nlu.entities.category;
  if (!category) {
    const examples = CATEGORY_IDS.slice(0, 4).map((id) => CATEGORY_LABELS[id][r.locale].toLowerCase());
    return [{ text: r.t('answers.chooseCategory', { examples: examples.join(', ') }) }];
  }
  const { entitlements } = remainingQuery(queryContextOf(r), { category });
  const only = entitlements.length === 1 ? entitlements[0] : undefined;
  if (only) return historyOf(r, only.id);
  return [
    {
      card: listCard({
        title: CATEGORY_LABELS[category as (typeof CATEGORY_IDS)[number]]?.[r.locale] ?? category,
        items: entitlements.map((e) => ({ title: e.name, subtitle: e.packageName })),
        empty: r.t('answers.remaining.empty', { category }),
        buttons: entitlements.map((e) => ({ title: e.name, data: { verb: HISTORY_VERB, entitlementId: e.id, workspace: r.nlu.entities.workspace ?? r.scope } })),
      }),
    },
  ];
};
