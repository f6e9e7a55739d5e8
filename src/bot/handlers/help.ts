import { helpCard } from '../../cards/help-card';
import type { Handler } from '../turn-request';

export const help: Handler = ({ locale }) => [{ card: helpCard(locale) }];
