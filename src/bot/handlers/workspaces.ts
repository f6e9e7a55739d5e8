import { workspacesCard } from '../../cards/people-cards';
import { resolveScope } from '../../queries/scope';
import { workspacesQuery } from '../../queries/workspaces';
import { cardContextOf, queryContextOf, type Handler } from '../turn-request';
import { arg } from './action-args';

export const listWorkspaces: Handler = (r) => [{ card: workspacesCard(cardContextOf(r), workspacesQuery(queryContextOf(r)), r.scope) }];

/** "passa all'area Finance", "use all workspaces": checked like any scope, then remembered. */
export const switchWorkspace: Handler = async (r) => {
  const wanted = arg(r, 'workspace') ?? r.nlu.entities.workspace;
  if (!wanted) return listWorkspaces(r);
  const scope = resolveScope(r.org, r.user, wanted);
  const id = scope.kind === 'all' ? 'all' : scope.workspace.id;
  await r.rememberScope(id);
  // clicked on the workspaces card: the card itself shows the new scope
  if (r.action) return [{ card: workspacesCard(cardContextOf(r), workspacesQuery(queryContextOf(r)), id) }];
  return [{ text: r.t('answers.switched', { scope: scope.kind === 'all' ? r.t('answers.scopeAll') : scope.workspace.name }) }];
};
