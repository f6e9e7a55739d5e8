import { renderCard, type CardAttachment } from './render-card';

export interface MessageCardData {
  title?: string;
  text: string;
  /** Adaptive Card text colour; `attention` for refusals and errors. */
  color?: 'default' | 'attention' | 'warning' | 'good';
  /** Buttons that send their `value` back as if the user typed it. */
  actions?: { title: string; value: string }[];
  /** Buttons that run a card action (a verb and its data). */
  buttons?: { title: string; verb: string; data: Readonly<Record<string, unknown>> }[];
}

/** A short card for refusals, errors and notices. */
export function messageCard(data: MessageCardData): CardAttachment {
  return renderCard('message', { color: 'default', actions: [], buttons: [], ...data });
}
