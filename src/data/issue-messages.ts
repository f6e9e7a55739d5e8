import type { z } from 'zod';

// Turns zod issues into the words of a load error: which field, what was expected, what was found.

/** `csam.email`, `supportContactIds[2]`; empty for the record itself. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function issueMessage(issue: z.core.$ZodIssue, record: unknown): string {
  const value = valueAt(record, issue.path);
  const found = `found ${describeValue(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0) return `expected a JSON object, ${found}`;
      if (value === undefined) return `missing required field (expected ${issue.expected})`;
      return `expected ${issue.expected}, ${found}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}, ${found}`;
    case 'invalid_union': {
      if (issue.errors.length === 0) {
        // a discriminated union whose discriminator (`kind`) matched no option
        return value === undefined ? `missing required field: ${issue.message}` : `${issue.message}, ${found}`;
      }
      const options = [...new Set(issue.errors.map((branch) => branch[0]?.message ?? 'invalid'))];
      return `${options.join(' or ')}, ${found}`;
    }
    default:
      return value === undefined || typeof value === 'object' ? issue.message : `${issue.message}, ${found}`;
  }
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}
