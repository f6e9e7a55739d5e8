import { renderCard, type CardAttachment } from './render-card';

export interface MessageCardData {
  title?: string;
  text: string;
  /** Adaptive Card text colour; `attention` for refusals and errors. */
  color?: 'default' | 'attention' | 'warning' | 'good';
  /** Buttons that send their `value` back as if the user typed it. */
  actions?: { title: string; value: string }[];
}

/** A short card for refusals, errors and notices. */
export function messageCard(data: MessageCardData): CardAttachment {
  return renderCard('message', { color: 'default', actions: [], ...data });
}
