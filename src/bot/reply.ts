import type { CardAttachment } from '../cards/render-card';

/** One message back: text (Teams markdown), a card, or both. */
export type Reply = { text: string; card?: undefined } | { text?: string; card: CardAttachment };
