import { AppError } from '../../src/domain/errors';
import { errorMessage } from '../../src/i18n/error-message';
import { localeFrom, missingKeys, translator } from '../../src/i18n/translate';

describe('message catalog', () => {
  it('has every key in both Italian and English', () => {
    expect(missingKeys()).toEqual({ en: [], it: [] });
  });

  it('picks Italian for any it-* tag and English otherwise', () => {
    expect(['it', 'it-IT', 'it-ch', 'IT_it'].map(localeFrom)).toEqual(['it', 'it', 'it', 'it']);
    expect(['en-US', 'de-DE', '', undefined, 'iten'].map(localeFrom)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });

  it('renders a refusal with the role name in the user language', () => {
    const error = new AppError('forbidden', 'errors.forbidden.role', { role: 'customer-activity', workspace: 'Finance' });
    expect(errorMessage(error, 'it')).toContain("ruolo Attività del cliente nell'area di lavoro Finance");
    expect(errorMessage(error, 'en')).toContain('Customer Activity role in the workspace Finance');
  });

  it('joins suggestion lists', () => {
    const error = new AppError('not-found', 'errors.notFound.workspaceSuggest', { name: 'Fin', suggestions: ['Finance', 'Finland'] });
    expect(errorMessage(error, 'en')).toContain('Did you mean: Finance, Finland?');
  });

  it('returns the key for an unknown message rather than crashing', () => {
    expect(translator('en')('no.such.key')).toBe('no.such.key');
  });
});
