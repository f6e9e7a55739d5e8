import type { Locale } from '../domain/vocabulary';
import { formatNumber } from '../i18n/format';
import { translator } from '../i18n/translate';
import { renderCard, type CardAttachment } from './render-card';

export interface ListItem {
  title: string;
  subtitle?: string;
  value?: string;
  /** Adaptive Card colour of the value: `Attention` for overage and urgency, `Warning`, `Good`. */
  color?: 'Default' | 'Attention' | 'Warning' | 'Good' | 'Accent';
  /** What clicking the line does (a drilldown). */
  action?: CardAction;
}

/** An Action.Execute: the verb a handler is routed by, and its arguments (re-checked on the server). */
export interface CardAction {
  verb: string;
  data: Readonly<Record<string, unknown>>;
}

export interface ListCardData {
  title: string;
  subtitle?: string;
  /** One sentence that matters most, shown highlighted above the list. */
  headline?: string;
  /**
   * Filters as drop-downs with an apply button: Teams sends each input's value under its id with
   * the action's data (e.g. { contract, status }), which re-runs `filterAction.verb` in place.
   */
  filters?: { id: string; label: string; value: string; choices: { title: string; value: string }[] }[];
  filterAction?: CardAction & { title: string };
  /** A small two-column table above the list (a count per service); `more` says what it leaves out. */
  table?: { headers: [string, string]; rows: { label: string; value: string }[]; more?: string };
  items: ListItem[];
  /** Shown when `items` is empty. */
  empty?: string;
  footer?: string;
  /** Buttons that send their `value` back as if the user typed it. */
  actions?: { title: string; value: string }[];
  /** Buttons that run a card action and replace this card with the answer. */
  buttons?: (CardAction & { title: string })[];
  /**
   * Long lists are shown a page at a time (Teams cards stop at 28 KB), never cut silently: the
   * card says which lines it shows of how many, and its buttons re-run `verb` with another page.
   */
  paging?: { page: number; locale: Locale } & CardAction;
}

export const LIST_PAGE_SIZE = 12;

/** A titled list of lines with values: the first card of most answers. */
export function listCard(data: ListCardData): CardAttachment {
  const { paging, ...rest } = data;
  const total = data.items.length;
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = paging ? Math.min(Math.max(1, paging.page), pageCount) : 1;
  const items = paging ? data.items.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE) : data.items;
  const buttons = [...(data.buttons ?? [])];
  let footer = data.footer;
  if (paging && pageCount > 1) {
    const t = translator(paging.locale);
    const go = (to: number) => ({ verb: paging.verb, data: { ...paging.data, page: String(to), locale: paging.locale } });
    if (page > 1) buttons.push({ title: t('paging.previous'), ...go(page - 1) });
    if (page < pageCount) buttons.push({ title: t('paging.next'), ...go(page + 1) });
    const range = t('paging.range', {
      from: formatNumber(paging.locale, (page - 1) * LIST_PAGE_SIZE + 1),
      to: formatNumber(paging.locale, (page - 1) * LIST_PAGE_SIZE + items.length),
      total: formatNumber(paging.locale, total),
    });
    footer = footer ? `${range} · ${footer}` : range;
  }
  const speak = [data.title, data.headline, ...items.map((i) => (i.value ? `${i.title}: ${i.value}` : i.title))]
    .filter(Boolean)
    .map((s) => (s ?? '').replace(/[.!?]\s*$/, ''))
    .join('. ');
  return renderCard('list', {
    actions: [],
    ...rest,
    items,
    buttons,
    ...(footer ? { footer } : {}),
    // opened later, the card asks for the same page again: current numbers, with its "data as of" line
    ...(paging ? { refresh: { title: translator(paging.locale)('answers.summary.refresh'), verb: paging.verb, data: { ...paging.data, page: String(page), locale: paging.locale } } } : {}),
    ...(total === 0 && data.empty ? {} : { empty: undefined }),
    speak,
  });
}
