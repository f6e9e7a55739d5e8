import { helpCard } from '../../cards/help-card';
import { VERBS } from '../../cards/verbs';
import { isAdminOf, visibleWorkspaces } from '../../domain/access';
import type { Handler } from '../turn-request';

/** The help card; in a channel, an admin also gets a button per workspace to send its role requests there. */
export const help: Handler = ({ locale, t, org, user, conversation }) => {
  const buttons =
    conversation.kind === 'channel'
      ? visibleWorkspaces(org, user)
          .filter((w) => isAdminOf(org, user, w.id))
          .map((w) => ({ title: t('delegation.adminChannel.button', { workspace: w.name }), verb: VERBS.adminChannel, data: { workspaceId: w.id, locale } }))
      : [];
  return [{ card: helpCard(locale, { buttons }) }];
};
