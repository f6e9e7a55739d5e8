import { isIP } from 'node:net';
import { z } from 'zod';
import { isoDate } from '../domain/records';

// Configuration is read once at start-up from the environment (and .env, see env-file.ts).
// loadConfig is pure over the env object it is given; every bad or missing variable is named in
// one ConfigError so that a deployment is fixed in one round, not one variable at a time.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

/** Values never echoed back in an error message. */
const SECRETS = new Set(['MicrosoftAppPassword']);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected a whole number from ${min} to ${max}`)
    .default(fallback);

const fields = {
  PORT: integer(0, 65535, 3978),
  HOST: z
    .string()
    .refine((h) => isIP(h) !== 0 || HOST_NAME.test(h), 'expected an IP address or a host name')
    .optional(),
  NODE_ENV: z.enum(['development', 'test', 'production'], 'expected development, test or production').default('development'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'expected fatal, error, warn, info, debug, trace or silent')
    .default('info'),
  MicrosoftAppId: z.string().regex(GUID, "expected the bot's Microsoft Entra app id (a GUID), or empty for local mode").default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z
    .string()
    .transform((s, ctx): AppType => {
      const type = APP_TYPES.find((t) => t.toLowerCase() === s.toLowerCase()); // botbuilder ignores case too
      if (type) return type;
      ctx.issues.push({ code: 'custom', input: s, message: `expected ${APP_TYPES.join(', ')}` });
      return z.NEVER;
    })
    .default('MultiTenant'),
  MicrosoftAppTenantId: z.string().regex(GUID, 'expected the Microsoft Entra tenant id (a GUID)').optional(),
  DATA_DIR: z.string().default('data/sample'),
  TODAY: isoDate.optional(),
  DATA_REFRESH_SECONDS: integer(0, 86400, 0),
  TIME_ZONE: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Rome or UTC').default('Europe/Rome'),
  // default: redis when REDIS_URL is set, else file
  STORAGE: z.enum(['file', 'memory', 'redis'], 'expected file, memory or redis').optional(),
  STATE_DIR: z.string().default('.state'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'expected a redis:// or rediss:// (TLS) URL, e.g. redis://127.0.0.1:6379')
    .optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[^{}\s]*$/, 'expected a prefix without spaces or braces').default('activity-bot:'),
  SHUTDOWN_TIMEOUT_MS: integer(1000, 60000, 10000),
  USER_TURNS_PER_MINUTE: integer(0, 10000, 30),
  WORKING_ON_IT_AFTER_MS: integer(100, 12000, 5000),
  METRICS: z.enum(['on', 'off'], 'expected on or off').default('off'),
  REMINDERS_HOUR: integer(0, 23, 9),
  REMINDERS_PER_SECOND: integer(1, 1000, 50),
  REMINDERS_PER_CONVERSATION_PER_SECOND: integer(1, 100, 7),
  REMINDERS_MAX_ATTEMPTS: integer(1, 50, 8),
  REMINDERS_CONCURRENCY: integer(1, 500, 32),
};

type Field = keyof typeof fields;

/** Every variable the server reads (.env.sample documents each). */
export const CONFIG_VARIABLES = Object.keys(fields) as readonly Field[];
type EnvValues = z.output<z.ZodObject<typeof fields>>;

/** A rule over several variables, checked only when those variables parsed on their own. */
const crossRule =
  (uses: Field[], rule: (env: EnvValues) => { variable: Field; message: string } | undefined) =>
  (schema: z.ZodObject<typeof fields>) =>
    schema.superRefine(
      (env, ctx) => {
        const problem = rule(env);
        if (problem) ctx.addIssue({ code: 'custom', path: [problem.variable], message: problem.message, params: { crossRule: true } });
      },
      { when: (payload) => !payload.issues.some((i) => uses.includes(i.path?.[0] as Field)) },
    );

const needsTenant = (t: AppType): boolean => t !== 'MultiTenant';

const rules = [
  crossRule(['STORAGE', 'REDIS_URL'], (env) =>
    env.STORAGE === 'redis' && !env.REDIS_URL
      ? { variable: 'REDIS_URL', message: 'required when STORAGE=redis (e.g. redis://127.0.0.1:6379)' }
      : undefined,
  ),
  crossRule(['NODE_ENV', 'MicrosoftAppId'], (env) =>
    env.NODE_ENV === 'production' && !env.MicrosoftAppId
      ? { variable: 'MicrosoftAppId', message: 'required when NODE_ENV=production (an empty app id turns authentication off)' }
      : undefined,
  ),
  crossRule(['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId'], (env) =>
    env.MicrosoftAppId && needsTenant(env.MicrosoftAppType) && !env.MicrosoftAppTenantId
      ? { variable: 'MicrosoftAppTenantId', message: `required when MicrosoftAppType=${env.MicrosoftAppType}` }
      : undefined,
  ),
  crossRule(['MicrosoftAppId', 'MicrosoftAppPassword'], (env) =>
    !env.MicrosoftAppId && env.MicrosoftAppPassword
      ? { variable: 'MicrosoftAppPassword', message: 'is set but MicrosoftAppId is empty (set both, or neither for local mode)' }
      : undefined,
  ),
  crossRule(['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppPassword'], (env) => {
    if (!env.MicrosoftAppId) return undefined;
    if (env.MicrosoftAppType === 'UserAssignedMSI') {
      return env.MicrosoftAppPassword
        ? { variable: 'MicrosoftAppPassword', message: 'must be empty when MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)' }
        : undefined;
    }
    return env.MicrosoftAppPassword
      ? undefined
      : { variable: 'MicrosoftAppPassword', message: `required when MicrosoftAppId is set and MicrosoftAppType=${env.MicrosoftAppType}` };
  }),
];

const envSchema = rules.reduce((schema, rule) => rule(schema), z.object(fields));

const configSchema = envSchema.transform((env) => {
  const localMode = env.MicrosoftAppId === '';
  return {
    port: env.PORT,
    // an unauthenticated bot (local mode) stays on this machine unless HOST says otherwise
    host: env.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    localMode,
    bot: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType,
      tenantId: env.MicrosoftAppTenantId ?? '',
    },
    dataDir: env.DATA_DIR,
    dataRefreshSeconds: env.DATA_REFRESH_SECONDS,
    today: env.TODAY,
    timeZone: env.TIME_ZONE,
    storage: env.STORAGE ?? (env.REDIS_URL ? 'redis' : 'file'),
    stateDir: env.STATE_DIR,
    redis: { url: env.REDIS_URL ?? '', keyPrefix: env.REDIS_KEY_PREFIX },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    userTurnsPerMinute: env.USER_TURNS_PER_MINUTE,
    workingOnItAfterMs: env.WORKING_ON_IT_AFTER_MS,
    metrics: env.METRICS === 'on',
    reminders: {
      hour: env.REMINDERS_HOUR,
      globalPerSecond: env.REMINDERS_PER_SECOND,
      perConversationPerSecond: env.REMINDERS_PER_CONVERSATION_PER_SECOND,
      maxAttempts: env.REMINDERS_MAX_ATTEMPTS,
      concurrency: env.REMINDERS_CONCURRENCY,
    },
  };
});

export type Config = z.output<typeof configSchema>;

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      [
        `Invalid configuration: ${problems.length} variable${problems.length === 1 ? '' : 's'} to fix (environment or .env; see .env.sample)`,
        ...problems.map((p) => `  ${p.variable}: ${p.message}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Blank means unset (`PORT=` in .env); surrounding spaces are typing noise, except in a secret. */
function known(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    out[name] = SECRETS.has(name) ? raw : raw.trim();
  }
  return out;
}

const shown = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const input = known(env);
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = new Map<string, ConfigProblem>(); // one line per variable: its first problem
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    if (problems.has(variable)) continue;
    const value = input[variable];
    const aboutOneValue = !(issue.code === 'custom' && issue.params?.crossRule === true);
    const got = aboutOneValue && value !== undefined && !SECRETS.has(variable) ? ` (got "${shown(value)}")` : '';
    problems.set(variable, { variable, message: `${issue.message}${got}` });
  }
  throw new ConfigError([...problems.values()]);
}
