import { accountTeamCard } from '../../cards/people-cards';
import { expiringCard, packagesCard, remainingCard, summaryCard } from '../../cards/activity-cards';
import { accountTeamQuery } from '../../queries/account-team';
import { expiringQuery } from '../../queries/expiring';
import { packagesQuery } from '../../queries/packages';
import { summaryQuery } from '../../queries/summary';
import { remainingQuery } from '../../queries/remaining';
import { cardContextOf, queryContextOf, type SnapshotHandler } from '../turn-request';
import { ANY_STATUS } from '../../cards/verbs';
import { argOr } from './action-args';
import { defined } from './flags-from-entities';

// Each handler takes its filters from a card action (paging, refresh, filters) or from the message;
// the query checks them like any input.

export const summary: SnapshotHandler = (r) => {
  const flags = defined({ contract: argOr(r, 'contract', r.nlu.entities.contract) });
  return [{ card: summaryCard(cardContextOf(r), summaryQuery(queryContextOf(r), flags)) }];
};

export const remaining: SnapshotHandler = (r) => {
  const { category, contract } = r.nlu.entities;
  // no category named: the summary answers "what is left" for all of them
  if (!category) return summary(r);
  const result = remainingQuery(queryContextOf(r), defined({ category, contract }));
  return [{ card: remainingCard(cardContextOf(r), result) }];
};

export const packages: SnapshotHandler = (r) => {
  const e = r.nlu.entities;
  const status = argOr(r, 'status', e.status);
  const flags = defined({
    contract: argOr(r, 'contract', e.contract),
    status: status === ANY_STATUS ? undefined : status,
    package: argOr(r, 'package', e.package),
  });
  return [{ card: packagesCard(cardContextOf(r), packagesQuery(queryContextOf(r), flags)) }];
};

export const expiring: SnapshotHandler = (r) => {
  const within = argOr(r, 'within', r.nlu.entities.within);
  const flags = defined(within ? { within } : { until: r.nlu.entities.until });
  return [{ card: expiringCard(cardContextOf(r), expiringQuery(queryContextOf(r), flags)) }];
};

export const accountTeam: SnapshotHandler = (r) => [{ card: accountTeamCard(cardContextOf(r), accountTeamQuery(queryContextOf(r))) }];
