import { ConfigError, loadConfig } from '../../src/server/config';

const APP_ID = '8a1f4b1c-2d3e-4f50-8a9b-0c1d2e3f4a5b';
const TENANT_ID = '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.variable);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

function messageOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with an empty environment: local mode on 127.0.0.1:3978, sample data, file storage in .state', () => {
    expect(loadConfig({})).toEqual({
      port: 3978,
      host: '127.0.0.1',
      nodeEnv: 'development',
      logLevel: 'info',
      localMode: true,
      bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', connector: { timeoutMs: 4000, retries: 2, deadlineMs: 9000 } },
      dataDir: 'data/sample',
      dataSource: 'file',
      dataHttp: { url: '', authority: '', clientId: '', clientSecret: '', certificatePath: '', scope: '', timeoutMs: 30000, retries: 4 },
      dataRefreshSeconds: 0,
      today: undefined,
      timeZone: 'Europe/Rome',
      storage: 'file',
      stateDir: '.state',
      redis: { url: '', keyPrefix: 'activity-bot:', cluster: false, tls: {} },
      shutdownTimeoutMs: 10000,
      userTurnsPerMinute: 30,
      workingOnItAfterMs: 5000,
      metrics: false,
      reminders: { hour: 9, globalPerSecond: 50, perConversationPerSecond: 7, maxAttempts: 8, concurrency: 32 },
    });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '::',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: ' secret with spaces ',
      MicrosoftAppType: 'singletenant',
      MicrosoftAppTenantId: TENANT_ID,
      DATA_DIR: '/srv/data',
      TODAY: '2026-11-22',
      DATA_REFRESH_SECONDS: '300',
      TIME_ZONE: 'UTC',
      STORAGE: 'memory',
      STATE_DIR: '/var/lib/bot',
      REDIS_URL: 'rediss://cache.internal:6380',
      REDIS_KEY_PREFIX: 'bot-a:',
      SHUTDOWN_TIMEOUT_MS: '5000',
      USER_TURNS_PER_MINUTE: '12',
      WORKING_ON_IT_AFTER_MS: '2500',
      METRICS: 'on',
      REMINDERS_HOUR: '7',
      REMINDERS_PER_SECOND: '40',
      REMINDERS_PER_CONVERSATION_PER_SECOND: '5',
      REMINDERS_MAX_ATTEMPTS: '3',
      REMINDERS_CONCURRENCY: '4',
      CONNECTOR_TIMEOUT_MS: '3000',
      CONNECTOR_RETRIES: '1',
      CONNECTOR_DEADLINE_MS: '8000',
    });
    expect(config).toEqual({
      port: 8080,
      host: '::',
      nodeEnv: 'production',
      logLevel: 'warn',
      localMode: false,
      bot: {
        appId: APP_ID,
        appPassword: ' secret with spaces ',
        appType: 'SingleTenant',
        tenantId: TENANT_ID,
        connector: { timeoutMs: 3000, retries: 1, deadlineMs: 8000 },
      },
      dataDir: '/srv/data',
      dataSource: 'file',
      dataHttp: { url: '', authority: '', clientId: '', clientSecret: '', certificatePath: '', scope: '', timeoutMs: 30000, retries: 4 },
      dataRefreshSeconds: 300,
      today: '2026-11-22',
      timeZone: 'UTC',
      storage: 'memory',
      stateDir: '/var/lib/bot',
      redis: { url: 'rediss://cache.internal:6380', keyPrefix: 'bot-a:', cluster: false, tls: {} },
      shutdownTimeoutMs: 5000,
      userTurnsPerMinute: 12,
      workingOnItAfterMs: 2500,
      metrics: true,
      reminders: { hour: 7, globalPerSecond: 40, perConversationPerSecond: 5, maxAttempts: 3, concurrency: 4 },
    });
  });

  it('treats blank values as unset and trims the others', () => {
    const config = loadConfig({ PORT: '', MicrosoftAppId: '  ', DATA_DIR: ' data/big ', TODAY: ' 2026-01-31 ' });
    expect(config).toMatchObject({ port: 3978, localMode: true, dataDir: 'data/big', today: '2026-01-31' });
  });

  it('listens on every interface by default once authentication is on', () => {
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's' }).host).toBe('0.0.0.0');
  });

  it.each([
    ['PORT', 'abc', /PORT: expected a whole number from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT: expected a whole number from 0 to 65535/],
    ['HOST', 'two words', /HOST: expected an IP address or a host name/],
    ['NODE_ENV', 'prod', /NODE_ENV: expected development, test or production \(got "prod"\)/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: expected fatal, error, warn, info, debug, trace or silent/],
    ['MicrosoftAppId', 'my-bot', /MicrosoftAppId: expected the bot's Microsoft Entra app id \(a GUID\)/],
    ['MicrosoftAppType', 'AnyTenant', /MicrosoftAppType: expected MultiTenant, SingleTenant, UserAssignedMSI \(got "AnyTenant"\)/],
    ['MicrosoftAppTenantId', 'contoso', /MicrosoftAppTenantId: expected the Microsoft Entra tenant id \(a GUID\)/],
    ['REMINDERS_HOUR', '24', /REMINDERS_HOUR: expected a whole number from 0 to 23 \(got "24"\)/],
    ['TODAY', 'tomorrow', /TODAY: expected a date YYYY-MM-DD \(got "tomorrow"\)/],
    ['TODAY', '2026-02-30', /TODAY: not a calendar date/],
    ['TIME_ZONE', 'Mars/Olympus', /TIME_ZONE: expected an IANA time zone/],
    ['STORAGE', 'postgres', /STORAGE: expected file, memory or redis/],
    ['REDIS_URL', 'http://cache:6379', /REDIS_URL: expected a redis:\/\/ or rediss:\/\/ \(TLS\) URL/],
    ['SHUTDOWN_TIMEOUT_MS', '10', /SHUTDOWN_TIMEOUT_MS: expected a whole number from 1000 to 60000/],
    ['CONNECTOR_TIMEOUT_MS', '4s', /CONNECTOR_TIMEOUT_MS: expected a whole number from 100 to 60000 \(got "4s"\)/],
    ['CONNECTOR_RETRIES', '11', /CONNECTOR_RETRIES: expected a whole number from 0 to 10/],
    ['CONNECTOR_DEADLINE_MS', '0', /CONNECTOR_DEADLINE_MS: expected a whole number from 100 to 60000/],
  ])('names %s when it is %p', (variable, value, expected) => {
    expect(problemsOf({ [variable]: value })).toEqual([variable]);
    expect(messageOf({ [variable]: value })).toMatch(expected);
  });

  it('names every bad variable in one error', () => {
    const message = messageOf({ PORT: 'x', NODE_ENV: 'staging', TODAY: '22/11/2026', STORAGE: 'disk', MicrosoftAppPassword: 'p' });
    expect(message).toMatch(/^Invalid configuration: 5 variables to fix/);
    for (const variable of ['PORT', 'NODE_ENV', 'TODAY', 'STORAGE', 'MicrosoftAppPassword']) {
      expect(message).toMatch(new RegExp(`^  ${variable}: `, 'm'));
    }
  });

  it('refuses production with an empty app id, naming MicrosoftAppId', () => {
    expect(messageOf({ NODE_ENV: 'production' })).toMatch(/MicrosoftAppId: required when NODE_ENV=production/);
    expect(problemsOf({ NODE_ENV: 'production', MicrosoftAppId: '' })).toEqual(['MicrosoftAppId']);
  });

  it('reports production problems together with the other bad variables', () => {
    expect(problemsOf({ NODE_ENV: 'production', PORT: '-1', LOG_LEVEL: 'chatty' })).toEqual(['PORT', 'LOG_LEVEL', 'MicrosoftAppId']);
  });

  it('asks for a tenant id for SingleTenant and UserAssignedMSI, and for a password unless MSI', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant' })).toEqual([
      'MicrosoftAppTenantId',
      'MicrosoftAppPassword',
    ]);
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' })).toEqual(['MicrosoftAppTenantId']);
    expect(problemsOf({ MicrosoftAppId: APP_ID })).toEqual(['MicrosoftAppPassword']);
    expect(
      loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID }).bot.appType,
    ).toBe('UserAssignedMSI');
  });

  it('refuses a password that would be ignored: without an app id, or with a managed identity', () => {
    expect(messageOf({ MicrosoftAppPassword: 'p' })).toMatch(/MicrosoftAppPassword: is set but MicrosoftAppId is empty/);
    expect(
      messageOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'p' }),
    ).toMatch(/MicrosoftAppPassword: must be empty when MicrosoftAppType=UserAssignedMSI/);
  });

  it('refuses a connector timeout per attempt that is not shorter than the deadline of all of them', () => {
    expect(problemsOf({ CONNECTOR_TIMEOUT_MS: '9000' })).toEqual(['CONNECTOR_TIMEOUT_MS']);
    expect(messageOf({ CONNECTOR_TIMEOUT_MS: '5000', CONNECTOR_DEADLINE_MS: '5000' })).toMatch(
      /CONNECTOR_TIMEOUT_MS: must be shorter than CONNECTOR_DEADLINE_MS \(5000\)/,
    );
  });

  it('never prints the password', () => {
    expect(messageOf({ MicrosoftAppPassword: 'hunter2-secret' })).not.toContain('hunter2');
  });
});

describe('Redis settings', () => {
  it('uses Redis when REDIS_URL is set, and asks for it when STORAGE=redis', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ storage: 'redis', redis: { url: 'redis://127.0.0.1:6379' } });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', STORAGE: 'file' }).storage).toBe('file');
    expect(() => loadConfig({ STORAGE: 'redis' })).toThrow(/REDIS_URL: required when STORAGE=redis/);
  });
});
