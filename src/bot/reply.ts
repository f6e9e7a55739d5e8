import type { CardAttachment } from '../cards/render-card';
import type { FileAttachment } from '../cards/report-card';

/** One message back: text (Teams markdown), a card, or both; or a Teams file card (consent, file info). */
export type Reply =
  | { text: string; card?: undefined; file?: undefined }
  | { text?: string; card: CardAttachment; file?: undefined }
  | { text?: string; card?: undefined; file: FileAttachment };
