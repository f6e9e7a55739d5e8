/** A plain JSON object (not null, not an array): how untrusted card data and activity values are narrowed. */
export type JsonObject = Record<string, unknown>;

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
