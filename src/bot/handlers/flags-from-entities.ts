/** Query flags from NLU entities: only those present, as text. */
export function defined(entries: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
