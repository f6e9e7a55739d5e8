import type { AppError } from '../domain/errors';
import { isRoleId, ROLE_LABELS, type Locale } from '../domain/vocabulary';
import { translator } from './translate';


/** An AppError in the user's words: role ids become role names, lists become "a, b, c". */
export function errorMessage(error: AppError, locale: Locale): string {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error.params)) {
    if (key === 'role' && isRoleId(value)) params[key] = ROLE_LABELS[value][locale];
    else if (Array.isArray(value)) params[key] = value.join(', ');
    else params[key] = value;
  }
  return translator(locale)(error.key, params);
}
