import { accountTeamCard } from '../../cards/people-cards';
import { expiringCard, packagesCard, remainingCard, summaryCard } from '../../cards/activity-cards';
import { accountTeamQuery } from '../../queries/account-team';
import { expiringQuery } from '../../queries/expiring';
import { packagesQuery } from '../../queries/packages';
import { summaryQuery } from '../../queries/summary';
import { remainingQuery } from '../../queries/remaining';
import { cardContextOf, queryContextOf, type Handler } from '../turn-request';
import { arg, workspaceOf } from './action-args';
import { defined } from './flags-from-entities';

export const summary: Handler = (r) => {
  const flags = defined({ contract: arg(r, 'contract') ?? r.nlu.entities.contract });
  const result = summaryQuery(queryContextOf(r, workspaceOf(r)), flags);
  return [{ card: summaryCard(cardContextOf(r), result) }];
};

export const remaining: Handler = (r) => {
  const { category, contract } = r.nlu.entities;
  // no category named: the summary answers "what is left" for all of them
  if (!category) return summary(r);
  const result = remainingQuery(queryContextOf(r), defined({ category, contract }));
  return [{ card: remainingCard(cardContextOf(r), result) }];
};

export const packages: Handler = (r) => {
  const { contract, status, package: pkg } = r.nlu.entities;
  const result = packagesQuery(queryContextOf(r), defined({ contract, status, package: pkg }));
  return [{ card: packagesCard(cardContextOf(r), result) }];
};

export const expiring: Handler = (r) => {
  const { within, until } = r.nlu.entities;
  const result = expiringQuery(queryContextOf(r), defined(within ? { within } : { until }));
  return [{ card: expiringCard(cardContextOf(r), result) }];
};

export const accountTeam: Handler = (r) => [{ card: accountTeamCard(cardContextOf(r), accountTeamQuery(queryContextOf(r))) }];
