// A plain-text reading of an expanded card, for the `chat` command and for logs of what was sent.

import { isJsonObject, type JsonObject as Json } from '../domain/json';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function elementLines(element: unknown): string[] {
  if (Array.isArray(element)) return element.flatMap(elementLines);
  if (!isJsonObject(element)) return [];
  switch (element.type) {
    case 'TextBlock':
      return str(element.text) ? [str(element.text)] : [];
    case 'RichTextBlock':
      return [
        (Array.isArray(element.inlines) ? element.inlines : [])
          .map((i) => (isJsonObject(i) ? str(i.text) : str(i)))
          .join(''),
      ];
    case 'FactSet':
      return (Array.isArray(element.facts) ? element.facts : []).map((f) =>
        isJsonObject(f) ? `${str(f.title)}: ${str(f.value)}` : '',
      );
    case 'ColumnSet': {
      const cells = (Array.isArray(element.columns) ? element.columns : []).map((c) =>
        isJsonObject(c) ? elementLines(c.items).join(' ') : '',
      );
      return [cells.filter(Boolean).join(' | ')];
    }
    case 'Table':
      return (Array.isArray(element.rows) ? element.rows : []).map((r) =>
        isJsonObject(r) && Array.isArray(r.cells)
          ? r.cells.map((c) => (isJsonObject(c) ? elementLines(c.items).join(' ') : '')).join(' | ')
          : '',
      );
    default:
      return [...elementLines(element.items), ...elementLines(element.body)];
  }
}

function actionLines(actions: unknown): string[] {
  if (!Array.isArray(actions) || actions.length === 0) return [];
  const titles = actions.map((a) => (isJsonObject(a) ? `[${str(a.title)}]` : '')).filter((t) => t !== '[]');
  return titles.length ? [titles.join(' ')] : [];
}

export function cardText(card: Json): string {
  return [...elementLines(card.body), ...actionLines(card.actions)].filter((l) => l.trim() !== '').join('\n');
}
