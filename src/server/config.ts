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
const SECRETS = new Set(['MicrosoftAppPassword', 'DATA_CLIENT_SECRET']);

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

const botFrameworkUrl = (example: string) => z.url({ protocol: /^https$/, error: `expected an https URL, e.g. ${example}` }).optional();

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
  MicrosoftAppCertificatePath: z.string().optional(),
  MicrosoftAppCertificateThumbprint: z
    .string()
    .transform((s) => s.replace(/:/g, '').toUpperCase())
    .pipe(z.string().regex(/^([0-9A-F]{40}|[0-9A-F]{64})$/, 'expected the hex SHA-1 (40 digits) or SHA-256 (64 digits) thumbprint of the certificate'))
    .optional(),
  // botbuilder's own keys for its endpoints: sovereign clouds and tests; unset ones keep the public cloud's
  ToChannelFromBotLoginUrl: botFrameworkUrl('https://login.microsoftonline.com/botframework.com'),
  ToChannelFromBotOAuthScope: z.string().regex(/^\S+$/, 'expected the audience of the Bot Connector, e.g. https://api.botframework.com').optional(),
  ToBotFromChannelTokenIssuer: z.string().regex(/^\S+$/, 'expected the issuer of channel tokens, e.g. https://api.botframework.com').optional(),
  ToBotFromChannelOpenIdMetadataUrl: botFrameworkUrl('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  ToBotFromEmulatorOpenIdMetadataUrl: botFrameworkUrl('https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration'),
  OAuthUrl: botFrameworkUrl('https://api.botframework.com'),
  DATA_DIR: z.string().default('data/sample'),
  // default: http when DATA_URL is set, else file
  DATA_SOURCE: z.enum(['file', 'http'], 'expected file or http').optional(),
  DATA_URL: z.url({ protocol: /^https?$/, error: 'expected the http(s) base URL of the data API, e.g. https://api.contoso.com/activity/v1' }).optional(),
  DATA_AUTHORITY: z
    .url({ protocol: /^https$/, error: 'expected an https URL (MSAL requires it), e.g. https://login.microsoftonline.com/<tenant id>' })
    .optional(),
  DATA_CLIENT_ID: z.string().optional(),
  DATA_CLIENT_SECRET: z.string().optional(),
  DATA_CLIENT_CERTIFICATE_PATH: z.string().optional(),
  DATA_SCOPE: z.string().regex(/^\S+\/\.default$/, "expected the API's scope for an app token, ending in /.default (e.g. api://<API app id>/.default)").optional(),
  DATA_TIMEOUT_MS: integer(100, 600000, 30000),
  DATA_RETRIES: integer(0, 10, 4),
  TODAY: isoDate.optional(),
  DATA_REFRESH_SECONDS: integer(0, 86400, 0),
  TIME_ZONE: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Rome or UTC').default('Europe/Rome'),
  // default: redis when REDIS_URL is set, else file
  STORAGE: z.enum(['file', 'memory', 'redis'], 'expected file, memory or redis').optional(),
  STATE_DIR: z.string().default('.state'),
  REDIS_URL: z
    .string()
    .refine(
      (s) => redisUrls(s).length > 0 && redisUrls(s).every((u) => /^rediss?:\/\/\S+$/.test(u)),
      'expected a redis:// or rediss:// (TLS) URL, e.g. redis://127.0.0.1:6379 (with REDIS_CLUSTER=on, one or more nodes separated by commas)',
    )
    .optional(),
  REDIS_CLUSTER: z.enum(['on', 'off'], 'expected on or off').default('off'),
  REDIS_TLS_CA: z.string().optional(),
  REDIS_TLS_CERT: z.string().optional(),
  REDIS_TLS_KEY: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[^{}\s]*$/, 'expected a prefix without spaces or braces').default('activity-bot:'),
  SHUTDOWN_TIMEOUT_MS: integer(1000, 60000, 10000),
  USER_TURNS_PER_MINUTE: integer(0, 10000, 30),
  WORKING_ON_IT_AFTER_MS: integer(100, 12000, 5000),
  CONNECTOR_TIMEOUT_MS: integer(100, 60000, 4000),
  CONNECTOR_RETRIES: integer(0, 10, 2),
  CONNECTOR_DEADLINE_MS: integer(100, 60000, 9000),
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

const redisUrls = (value: string | undefined): string[] => (value ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');

function redisClusterProblem(env: EnvValues): { variable: Field; message: string } | undefined {
  const urls = redisUrls(env.REDIS_URL);
  const cluster = env.REDIS_CLUSTER === 'on';
  if (cluster && urls.length === 0) {
    return { variable: 'REDIS_URL', message: 'required when REDIS_CLUSTER=on: one or more nodes of the cluster, e.g. rediss://cache.example.net:6380' };
  }
  if (!cluster && urls.length > 1) {
    return { variable: 'REDIS_URL', message: 'lists several nodes: set REDIS_CLUSTER=on for a Redis Cluster, or give one URL' };
  }
  if (new Set(urls.map((u) => u.startsWith('rediss:'))).size > 1) {
    return { variable: 'REDIS_URL', message: 'mixes redis:// and rediss://: every node of a cluster speaks TLS or none does' };
  }
  if (cluster && urls.some((u) => /^rediss?:\/\/[^/]+\/(?!0?$)./.test(u))) {
    return { variable: 'REDIS_URL', message: 'names a database: a Redis Cluster has only database 0' };
  }
  return undefined;
}

function redisTlsProblem(env: EnvValues): { variable: Field; message: string } | undefined {
  const set = (['REDIS_TLS_CA', 'REDIS_TLS_CERT', 'REDIS_TLS_KEY'] as const).filter((v) => env[v] !== undefined);
  const [first] = set;
  if (first && !redisUrls(env.REDIS_URL)[0]?.startsWith('rediss://')) {
    return { variable: first, message: 'needs a rediss:// (TLS) REDIS_URL' };
  }
  if (env.REDIS_TLS_CERT && !env.REDIS_TLS_KEY) return { variable: 'REDIS_TLS_KEY', message: "required with REDIS_TLS_CERT (the client certificate's key)" };
  if (env.REDIS_TLS_KEY && !env.REDIS_TLS_CERT) return { variable: 'REDIS_TLS_CERT', message: 'required with REDIS_TLS_KEY (the client certificate)' };
  return undefined;
}
const dataSourceOf = (env: EnvValues): 'file' | 'http' => env.DATA_SOURCE ?? (env.DATA_URL ? 'http' : 'file');
// not `uses` DATA_URL: a DATA_URL that is set but wrong still means http, and the rule for a missing
// DATA_URL must not hide the others
const requiredForHttp = (variable: Field, example: string) =>
  crossRule(['DATA_SOURCE', variable], (env) =>
    dataSourceOf(env) === 'http' && !env[variable] ? { variable, message: `required when DATA_SOURCE=http (${example})` } : undefined,
  );

const rules = [
  requiredForHttp('DATA_URL', 'the base URL of the data API'),
  requiredForHttp('DATA_AUTHORITY', 'e.g. https://login.microsoftonline.com/<tenant id>'),
  requiredForHttp('DATA_CLIENT_ID', 'the app registration that reads the data API'),
  requiredForHttp('DATA_SCOPE', 'e.g. api://<API app id>/.default'),
  crossRule(['DATA_SOURCE', 'DATA_CLIENT_SECRET', 'DATA_CLIENT_CERTIFICATE_PATH'], (env) => {
    if (dataSourceOf(env) !== 'http') return undefined;
    if (env.DATA_CLIENT_SECRET && env.DATA_CLIENT_CERTIFICATE_PATH) {
      return { variable: 'DATA_CLIENT_CERTIFICATE_PATH', message: 'set DATA_CLIENT_SECRET or DATA_CLIENT_CERTIFICATE_PATH, not both' };
    }
    return env.DATA_CLIENT_SECRET || env.DATA_CLIENT_CERTIFICATE_PATH
      ? undefined
      : { variable: 'DATA_CLIENT_SECRET', message: 'required when DATA_SOURCE=http, unless DATA_CLIENT_CERTIFICATE_PATH is set' };
  }),
  crossRule(['NODE_ENV', 'DATA_SOURCE', 'DATA_URL'], (env) =>
    env.NODE_ENV === 'production' && dataSourceOf(env) === 'http' && env.DATA_URL?.startsWith('http:')
      ? { variable: 'DATA_URL', message: 'must be https when NODE_ENV=production (every request carries an access token)' }
      : undefined,
  ),
  crossRule(['STORAGE', 'REDIS_URL'], (env) =>
    env.STORAGE === 'redis' && !env.REDIS_URL
      ? { variable: 'REDIS_URL', message: 'required when STORAGE=redis (e.g. redis://127.0.0.1:6379)' }
      : undefined,
  ),
  crossRule(['REDIS_URL', 'REDIS_CLUSTER'], redisClusterProblem),
  crossRule(['REDIS_URL', 'REDIS_TLS_CA', 'REDIS_TLS_CERT', 'REDIS_TLS_KEY'], redisTlsProblem),
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
  crossRule(['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppPassword', 'MicrosoftAppCertificatePath'], (env) => {
    if (!env.MicrosoftAppId) return undefined;
    if (env.MicrosoftAppType === 'UserAssignedMSI') {
      return env.MicrosoftAppPassword
        ? { variable: 'MicrosoftAppPassword', message: 'must be empty when MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)' }
        : undefined;
    }
    return env.MicrosoftAppPassword || env.MicrosoftAppCertificatePath
      ? undefined
      : {
          variable: 'MicrosoftAppPassword',
          message: `required when MicrosoftAppId is set and MicrosoftAppType=${env.MicrosoftAppType} (or MicrosoftAppCertificatePath for a certificate)`,
        };
  }),
  crossRule(['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppPassword', 'MicrosoftAppCertificatePath'], (env) => {
    if (!env.MicrosoftAppCertificatePath) return undefined;
    let message: string | undefined;
    if (!env.MicrosoftAppId) message = 'is set but MicrosoftAppId is empty (set both, or neither for local mode)';
    else if (env.MicrosoftAppType === 'UserAssignedMSI') message = 'must be empty when MicrosoftAppType=UserAssignedMSI (the managed identity has no certificate)';
    else if (env.MicrosoftAppPassword) message = 'and MicrosoftAppPassword are both set: keep the one the bot should authenticate with';
    return message ? { variable: 'MicrosoftAppCertificatePath', message } : undefined;
  }),
  crossRule(['CONNECTOR_TIMEOUT_MS', 'CONNECTOR_DEADLINE_MS'], (env) =>
    env.CONNECTOR_TIMEOUT_MS >= env.CONNECTOR_DEADLINE_MS
      ? { variable: 'CONNECTOR_TIMEOUT_MS', message: `must be shorter than CONNECTOR_DEADLINE_MS (${env.CONNECTOR_DEADLINE_MS}), or an attempt that hangs is never sent again` }
      : undefined,
  ),
  crossRule(['MicrosoftAppCertificatePath', 'MicrosoftAppCertificateThumbprint'], (env) =>
    env.MicrosoftAppCertificateThumbprint && !env.MicrosoftAppCertificatePath
      ? { variable: 'MicrosoftAppCertificateThumbprint', message: "is set but MicrosoftAppCertificatePath is empty (it names that file's certificate)" }
      : undefined,
  ),
];

/** botbuilder configuration keys of the Bot Framework endpoints, settable for sovereign clouds and tests. */
export const BOT_FRAMEWORK_ENDPOINTS = [
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'OAuthUrl',
] as const;
export type BotFrameworkEndpoints = Partial<Record<(typeof BOT_FRAMEWORK_ENDPOINTS)[number], string>>;

const endpointOverrides = (env: EnvValues): BotFrameworkEndpoints | undefined => {
  const set = BOT_FRAMEWORK_ENDPOINTS.filter((key) => env[key] !== undefined);
  return set.length > 0 ? Object.fromEntries(set.map((key) => [key, env[key]])) : undefined;
};

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
      certificate: env.MicrosoftAppCertificatePath
        ? { path: env.MicrosoftAppCertificatePath, thumbprint: env.MicrosoftAppCertificateThumbprint }
        : undefined,
      endpoints: endpointOverrides(env),
      connector: { timeoutMs: env.CONNECTOR_TIMEOUT_MS, retries: env.CONNECTOR_RETRIES, deadlineMs: env.CONNECTOR_DEADLINE_MS },
    },
    dataDir: env.DATA_DIR,
    dataSource: dataSourceOf(env),
    dataHttp: {
      url: env.DATA_URL ?? '',
      authority: env.DATA_AUTHORITY ?? '',
      clientId: env.DATA_CLIENT_ID ?? '',
      clientSecret: env.DATA_CLIENT_SECRET ?? '',
      certificatePath: env.DATA_CLIENT_CERTIFICATE_PATH ?? '',
      scope: env.DATA_SCOPE ?? '',
      timeoutMs: env.DATA_TIMEOUT_MS,
      retries: env.DATA_RETRIES,
    },
    dataRefreshSeconds: env.DATA_REFRESH_SECONDS,
    today: env.TODAY,
    timeZone: env.TIME_ZONE,
    storage: env.STORAGE ?? (env.REDIS_URL ? 'redis' : 'file'),
    stateDir: env.STATE_DIR,
    redis: {
      url: env.REDIS_URL ?? '',
      keyPrefix: env.REDIS_KEY_PREFIX,
      cluster: env.REDIS_CLUSTER === 'on',
      tls: { ca: env.REDIS_TLS_CA, cert: env.REDIS_TLS_CERT, key: env.REDIS_TLS_KEY },
    },
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

// a Redis URL may carry its password (redis://:password@host)
const withoutRedisPassword = (variable: string, value: string): string =>
  variable === 'REDIS_URL' ? value.replace(/\/\/[^/@,]*@/g, '//***@') : value;

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
    const got = aboutOneValue && value !== undefined && !SECRETS.has(variable) ? ` (got "${shown(withoutRedisPassword(variable, value))}")` : '';
    problems.set(variable, { variable, message: `${issue.message}${got}` });
  }
  throw new ConfigError([...problems.values()]);
}
