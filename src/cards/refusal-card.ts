import { isRoleId, ROLE_LABELS, type Locale, type RoleId } from '../domain/vocabulary';
import { translator } from '../i18n/translate';
import type { CardAttachment } from './render-card';
import { renderCard } from './render-card';
import { VERBS } from './verbs';


/**
 * A refusal says which role is missing in which workspace and offers to request it (rule 2:
 * never an empty answer that looks like "no data").
 */
export function refusalCard(locale: Locale, message: string, params: Readonly<Record<string, unknown>>): CardAttachment {
  const role = params.role;
  const workspaceId = params.workspaceId;
  const t = translator(locale);
  if (!isRoleId(role) || typeof workspaceId !== 'string') {
    return renderCard('refusal', { title: t('refusal.noAccessTitle'), text: message, links: [] });
  }
  return renderCard('refusal', {
    title: t('refusal.title', { role: ROLE_LABELS[role][locale] }),
    text: message,
    button: { title: t('refusal.request'), verb: VERBS.requestRole, data: { role, workspaceId, locale } },
    links: [],
  });
}

/** Who can grant a role in a workspace, with a mail link each (until requests open in chat). */
export function approversCard(
  locale: Locale,
  role: RoleId,
  workspace: string,
  approvers: readonly { name: string; email: string }[],
): CardAttachment {
  const t = translator(locale);
  const names = approvers.map((a) => a.name).join(', ');
  return renderCard('refusal', {
    title: t('refusal.title', { role: ROLE_LABELS[role][locale] }),
    text: approvers.length ? t('refusal.requestsComing', { workspace, names }) : t('refusal.noApprovers', { workspace }),
    links: approvers.slice(0, 5).map((a) => ({ title: `✉ ${a.name}`, url: `mailto:${a.email}` })),
  });
}
