import type { Locale } from '../domain/vocabulary';
import { translator } from '../i18n/translate';
import { renderCard, type CardAttachment } from './render-card';

// The capabilities the help card lists, in the order a newcomer meets them.
const ITEMS = [
  'summary',
  'remaining',
  'expiring',
  'packages',
  'history',
  'contracts',
  'cases',
  'additional',
  'accountTeam',
  'workspaces',
  'roles',
  'admin',
  'reports',
  'reminders',
] as const;

const QUICK = ['summary', 'expiring', 'workspaces'] as const;

/**
 * The help card; `welcome` greets on install with the same list. `buttons`: card actions for this
 * reader and place (an admin in a channel may send a workspace's role requests there).
 */
export function helpCard(
  locale: Locale,
  options: { welcome?: boolean; buttons?: readonly { title: string; verb: string; data: Readonly<Record<string, unknown>> }[] } = {},
): CardAttachment {
  const t = translator(locale);
  const items = ITEMS.map((key) => ({
    title: t(`help.items.${key}.title`),
    example: t(`help.items.${key}.example`),
    command: t(`help.items.${key}.command`),
  }));
  return renderCard('help', {
    title: t(options.welcome ? 'help.welcomeTitle' : 'help.title'),
    intro: t('help.intro'),
    examplesHeading: t('help.examplesHeading'),
    tip: t('help.tip'),
    items,
    buttons: options.buttons ?? [],
    quickActions: QUICK.map((key) => ({
      title: t(`help.items.${key}.title`),
      // the example without the "·"-separated alternatives, sent back as if typed
      value: (t(`help.items.${key}.example`).split(' · ')[0] ?? '').trim(),
    })),
  });
}
