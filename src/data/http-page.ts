/** One page of a collection: its records and the next page, if any. */
export type Page = { ok: true; records: readonly unknown[]; next: URL | undefined } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `{ value: [...], nextLink? }` (Microsoft Graph's `@odata.nextLink` too), or a bare array
 * (a collection served in one piece, as the folder's file). A relative link is resolved against
 * the page it came from.
 */
export function readPage(body: unknown, pageUrl: URL): Page {
  if (Array.isArray(body)) return { ok: true, records: body, next: undefined };
  if (!isObject(body) || !Array.isArray(body.value)) {
    return { ok: false, message: `expected { "value": [records], "nextLink"?: url } or an array, found ${shapeOf(body)}` };
  }
  const link = body['@odata.nextLink'] ?? body.nextLink;
  if (link === undefined || link === null || link === '') return { ok: true, records: body.value, next: undefined };
  if (typeof link !== 'string') return { ok: false, message: `nextLink must be a URL string, found ${shapeOf(link)}` };
  try {
    return { ok: true, records: body.value, next: new URL(link, pageUrl) };
  } catch {
    return { ok: false, message: `nextLink is not a URL: ${link.slice(0, 100)}` };
  }
}

function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (isObject(value)) return Array.isArray(value.value) ? 'an object' : 'an object without a "value" array';
  return `a ${typeof value}`;
}
