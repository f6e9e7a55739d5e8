import type { Handler } from '../turn-request';

const TOPIC: Readonly<Record<string, string>> = {
  'training.export': 'reports',
  'report.delivery': 'reports',
};

/** An intent understood but not built yet: say so truthfully rather than guess. */
export const notYetAvailable: Handler = ({ t, nlu }) => {
  const topic = TOPIC[nlu.intent];
  return [{ text: t('turn.notYetAvailable', { what: topic ? t(`help.items.${topic}.title`) : nlu.intent }) }];
};
