import { messageCard } from '../../cards/message-card';
import { isAdminOf } from '../../domain/access';
import { resolveScope } from '../../queries/scope';
import type { Handler } from '../turn-request';
import { arg } from './action-args';

/** "Send Finance's role requests here", clicked in a channel by an admin of Finance (checked again here). */
export const setAdminChannel: Handler = async (r) => {
  if (r.conversation.kind !== 'channel') return [{ card: messageCard({ text: r.t('delegation.adminChannel.notChannel'), color: 'attention' }) }];
  const scope = resolveScope(r.org, r.user, arg(r, 'workspaceId'));
  if (scope.kind !== 'workspace') return [{ text: r.t('turn.staleAction') }];
  const workspace = scope.workspace.name;
  if (!isAdminOf(r.org, r.user, scope.workspace.id)) {
    return [{ card: messageCard({ text: r.t('delegation.adminChannel.notAdmin', { workspace }), color: 'attention' }) }];
  }
  await r.approvals.adminChannels.set(scope.workspace.id, { reference: r.origin.reference, setBy: r.user.id, setAt: new Date().toISOString() });
  return [{ card: messageCard({ text: r.t('delegation.adminChannel.set', { workspace }), color: 'good' }) }];
};
