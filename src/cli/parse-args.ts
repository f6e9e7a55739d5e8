import { badRequest } from '../domain/errors';

export interface ParsedArgs {
  /** `--name value` and `--name=value` pairs, by name without dashes. */
  flags: Record<string, string>;
  /** Flags given without a value (`--json`). */
  switches: Set<string>;
  positionals: string[];
}

/**
 * Flags anywhere on the line, as interfaces.md writes them. `booleans` take no value; any other
 * flag needs one, and a missing value is a bad-request naming the flag.
 */
export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const flags: Record<string, string> = {};
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (booleans.includes(name)) {
      switches.add(name);
    } else if (eq !== -1) {
      flags[name] = arg.slice(eq + 1);
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw badRequest('errors.badRequest.missingFlag', { flag: `--${name}`, expected: 'a value' });
      }
      flags[name] = value;
      i += 1;
    }
  }
  return { flags, switches, positionals };
}

/** Removes and returns a flag's value. */
export function take(flags: Record<string, string>, name: string): string | undefined {
  const value = flags[name];
  delete flags[name];
  return value;
}
