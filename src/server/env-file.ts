import { config as dotenvConfig } from 'dotenv';

/**
 * The process environment over the variables of `.env` (when the file exists): a variable set in
 * the environment wins, as a deployment expects. process.env itself is left untouched.
 */
export function readEnvironment(
  processEnv: Readonly<Record<string, string | undefined>> = process.env,
  envFile = '.env',
): Record<string, string | undefined> {
  const fromFile: Record<string, string> = {};
  // quiet: dotenv must not print on stdout, where the server writes its JSON logs
  const { error } = dotenvConfig({ path: envFile, quiet: true, processEnv: fromFile });
  if (error && (error as NodeJS.ErrnoException).code !== 'ENOENT') {
    throw new Error(`cannot read ${envFile}: ${error.message}`);
  }
  return { ...fromFile, ...processEnv };
}
