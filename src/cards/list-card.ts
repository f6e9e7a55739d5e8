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
  items: ListItem[];
  /** Shown when `items` is empty. */
  empty?: string;
  footer?: string;
  /** Buttons that send their `value` back as if the user typed it. */
  actions?: { title: string; value: string }[];
  /** Buttons that run a card action and replace this card with the answer. */
  buttons?: (CardAction & { title: string })[];
}

/** A titled list of lines with values: the first card of most answers. */
export function listCard(data: ListCardData): CardAttachment {
  const speak = [data.title, data.headline, ...data.items.map((i) => `${i.title}: ${i.value ?? ''}`)].filter(Boolean).join('. ');
  return renderCard('list', {
    actions: [],
    buttons: [],
    ...data,
    ...(data.items.length === 0 && data.empty ? {} : { empty: undefined }),
    speak,
  });
}
