import { isIsoDate } from '../domain/dates';
import { parseDuration, type Duration } from '../domain/durations';
import { badRequest } from '../domain/errors';

// Flag values arrive as text from the CLI, the NLU and card actions alike: checked here, once.

export function dateFlag(flags: Readonly<Record<string, string>>, name: string): string | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (!isIsoDate(value.trim())) throw badRequest('errors.badRequest.badFlag', { flag: `--${name}`, expected: 'a date YYYY-MM-DD' });
  return value.trim();
}

export function durationFlag(flags: Readonly<Record<string, string>>, name: string, fallback: string): Duration {
  const value = flags[name] ?? fallback;
  const duration = parseDuration(value);
  if (!duration) {
    throw badRequest('errors.badRequest.badFlag', { flag: `--${name}`, expected: 'an ISO-8601 duration such as P90D, P2W, P3M or P1Y' });
  }
  return duration;
}

export function intFlag(
  flags: Readonly<Record<string, string>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = flags[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw badRequest('errors.badRequest.badFlag', { flag: `--${name}`, expected: `a whole number from ${min} to ${max}` });
  }
  return n;
}

export function enumFlag<T extends string>(
  flags: Readonly<Record<string, string>>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) {
    throw badRequest('errors.badRequest.badFlag', { flag: `--${name}`, expected: allowed.join(' or ') });
  }
  return v as T;
}
