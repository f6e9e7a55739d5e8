import type { Locale } from '../domain/vocabulary';
import { CATEGORY_LABELS } from '../domain/vocabulary';
import { formatDate, formatNumber, formatQuantity } from '../i18n/format';
import { translator, type Translate } from '../i18n/translate';
import type { EntitlementLine } from '../queries/entitlement-line';
import type { ScopeInfo } from '../queries/scope';
import type { ListItem } from './list-card';

/** What every answer card needs to speak the user's language about one scope at one date. */
export interface CardContext {
  locale: Locale;
  t: Translate;
  today: string;
  /** The page of a long list asked for (1 unless a card's paging button says otherwise). */
  page: number;
}

export const cardContext = (locale: Locale, today: string, page = 1): CardContext => ({ locale, t: translator(locale), today, page });

export const scopeName = (c: CardContext, scope: ScopeInfo): string => ('name' in scope ? scope.name : c.t('answers.scopeAll'));

export const dataAsOf = (c: CardContext): string => c.t('answers.dataAsOf', { date: formatDate(c.locale, c.today) });

/** "82 of 120 used · 38 left", with overage named as such. */
export function usageLine(c: CardContext, line: Pick<EntitlementLine, 'purchased' | 'consumed' | 'remaining' | 'unit'>): ListItem {
  const q = (n: number): string => formatQuantity(c.locale, n, line.unit);
  const remaining = line.remaining ?? 0;
  return {
    title: '',
    subtitle: c.t('answers.usage', {
      consumed: formatNumber(c.locale, line.consumed ?? 0),
      purchased: q(line.purchased ?? 0),
      remaining: formatNumber(c.locale, remaining),
    }),
    value: remaining < 0 ? c.t('answers.overage', { amount: q(-remaining) }) : c.t('answers.left', { amount: q(remaining) }),
    color: remaining < 0 ? 'Attention' : 'Default',
  };
}

/** The headline of the line that will lapse most at this pace, if any will. */
export function lapseHeadline(c: CardContext, lines: readonly EntitlementLine[]): string | undefined {
  const worst = [...lines]
    .filter((l) => (l.projection?.projectedUnusedAtExpiry ?? 0) > 0 && (l.purchased ?? 0) > 0)
    .sort((a, b) => (b.projection?.projectedUnusedAtExpiry ?? 0) / (b.purchased ?? 1) - (a.projection?.projectedUnusedAtExpiry ?? 0) / (a.purchased ?? 1))[0];
  if (!worst?.projection) return undefined;
  return c.t('answers.lapseHeadline', {
    unused: formatNumber(c.locale, worst.projection.projectedUnusedAtExpiry),
    purchased: formatQuantity(c.locale, worst.purchased ?? 0, worst.unit),
    category: CATEGORY_LABELS[worst.category][c.locale],
    date: formatDate(c.locale, worst.packageEndDate),
  });
}

/** The paging of a list card: this context's page and language, re-run with `verb` and `data`. */
export const pagingOf = (c: CardContext, verb: string, data: Readonly<Record<string, unknown>>) => ({
  page: c.page,
  locale: c.locale,
  verb,
  data,
});
