import { distance } from 'fastest-levenshtein';

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();

/**
 * The candidates closest to `wanted` (case, accents and small typos ignored), best first.
 * Callers pass only names the asker may see, so a suggestion never leaks another workspace.
 */
export function closestNames(wanted: string, candidates: readonly string[], max = 3): string[] {
  const w = fold(wanted);
  const scored = candidates.map((name) => {
    const c = fold(name);
    const d = c.includes(w) || w.includes(c) ? 0 : distance(w, c);
    return { name, d, limit: Math.max(2, Math.floor(Math.max(w.length, c.length) / 3)) };
  });
  return scored
    .filter((s) => s.d <= s.limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

export const sameName = (a: string, b: string): boolean => fold(a) === fold(b);
