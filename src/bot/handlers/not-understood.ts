import { messageCard } from '../../cards/message-card';
import type { Handler } from '../turn-request';

const SUGGESTIONS = ['summary', 'expiring', 'remaining'] as const;

/** Never silence and never a guess: say so, and offer questions the bot does answer. */
export const notUnderstood: Handler = ({ t }) => [
  {
    text: t('turn.notUnderstood'),
    card: messageCard({
      text: t('turn.tryOneOf'),
      actions: SUGGESTIONS.map((key) => ({ title: t(`turn.suggestionTitles.${key}`), value: t(`help.items.${key}.example`) })),
    }),
  },
];
