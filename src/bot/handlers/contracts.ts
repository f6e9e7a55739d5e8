import { contractsQuery } from '../../queries/contracts';
import type { Handler } from '../turn-request';

export const listContracts: Handler = ({ org, user, today, t, nlu }) => {
  const result = contractsQuery({ org, user, today, workspace: nlu.entities.workspace });
  const scope = 'name' in result.scope ? result.scope.name : t('scope.all');
  if (result.contracts.length === 0) return [{ text: t('contracts.none', { scope }) }];
  const lines = result.contracts.map((c) => {
    const state = c.active
      ? t('contracts.active', { count: c.daysLeft })
      : c.daysLeft < 0
        ? t('contracts.expired')
        : t('contracts.notStarted');
    return `- ${t('contracts.line', { ...c, state })}`;
  });
  return [{ text: [`**${t('contracts.heading', { scope })}**`, '', ...lines].join('\n') }];
};
