import { renderCard, type CardAttachment } from './render-card';

export interface ListItem {
  title: string;
  subtitle?: string;
  value?: string;
  /** Adaptive Card colour of the value: `Attention` for overage and urgency, `Warning`, `Good`. */
  color?: 'Default' | 'Attention' | 'Warning' | 'Good' | 'Accent';
  /** Card action data sent when the line is clicked (a drilldown). */
  data?: Readonly<Record<string, unknown>>;
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
  /** Buttons that send card action data (a verb and its arguments). */
  buttons?: { title: string; data: Readonly<Record<string, unknown>> }[];
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
