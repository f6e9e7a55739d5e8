import { ROLE_LABELS } from '../../domain/vocabulary';
import { workspacesQuery } from '../../queries/workspaces';
import type { Handler } from '../turn-request';

export const listWorkspaces: Handler = ({ org, user, today, t, locale }) => {
  const { workspaces } = workspacesQuery({ org, user, today });
  if (workspaces.length === 0) return [{ text: t('workspaces.none') }];
  const lines = workspaces.map((w) => {
    const roles = w.roles.map((r) => ROLE_LABELS[r][locale]).join(', ') || t('workspaces.noRole');
    return `- **${w.name}**${w.isDefault ? ` (${t('workspaces.default')})` : ''}: ${roles}`;
  });
  return [{ text: [`**${t('workspaces.heading')}**`, '', ...lines].join('\n') }];
};
