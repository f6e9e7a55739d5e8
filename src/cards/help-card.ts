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
  'reports',
  'reminders',
] as const;

const QUICK = ['summary', 'expiring', 'workspaces'] as const;

/** The help card; `welcome` greets on install with the same list. */
export function helpCard(locale: Locale, options: { welcome?: boolean } = {}): CardAttachment {
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
    quickActions: QUICK.map((key) => ({
      title: t(`help.items.${key}.title`),
      // the example without the "·"-separated alternatives, sent back as if typed
      value: (t(`help.items.${key}.example`).split(' · ')[0] ?? '').trim(),
    })),
  });
}
