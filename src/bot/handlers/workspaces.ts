import { workspacesCard } from '../../cards/people-cards';
import { resolveScope } from '../../queries/scope';
import { workspacesQuery } from '../../queries/workspaces';
import { cardContextOf, queryContextOf, type Handler } from '../turn-request';

export const listWorkspaces: Handler = (r) => [{ card: workspacesCard(cardContextOf(r), workspacesQuery(queryContextOf(r))) }];

/** "passa all'area Finance", "use all workspaces": checked like any scope, then remembered. */
export const switchWorkspace: Handler = async (r) => {
  const wanted = r.nlu.entities.workspace;
  if (!wanted) return listWorkspaces(r);
  const scope = resolveScope(r.org, r.user, wanted);
  const id = scope.kind === 'all' ? 'all' : scope.workspace.id;
  await r.rememberScope(id);
  return [{ text: r.t('answers.switched', { scope: scope.kind === 'all' ? r.t('answers.scopeAll') : scope.workspace.name }) }];
};
