import type { Handler } from '../turn-request';

/** Never silence: a short "did not understand" pointing at help. */
export const notUnderstood: Handler = ({ t }) => [{ text: t('turn.notUnderstood') }];
