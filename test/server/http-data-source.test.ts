import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TokenProvider } from '../../src/data/token-provider';
import { ConfigError, loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { startCustomerApi, type CustomerApi } from '../support/customer-api-stand-in';
import { startIdentityStandIn } from '../support/identity-stand-in';
import { captureLogger } from './helpers/capture-logger';
import { startReadyServer, stopServer } from './helpers/process-chat';
import { spawnServer } from './helpers/server-process';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// DATA_SOURCE=http at the server's level: the variables start-up checks, a bot whose answers come
// from the customer's API (the stand-in) with a token from a fake provider, and `npm start` with
// nothing but the environment: the token from the local identity stand-in through msal-node.

const HTTP_ENV = {
  DATA_SOURCE: 'http',
  DATA_AUTHORITY: 'https://login.microsoftonline.com/3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69',
  DATA_CLIENT_ID: '5d7b1c2e-0a9f-4e8d-b7c6-a5f4e3d2c1b0',
  DATA_CLIENT_SECRET: 'the-data-client-secret',
  DATA_SCOPE: 'api://contoso-activity-api/.default',
};

function problemsOf(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return Object.fromEntries(e.problems.map((p) => [p.variable, p.message]));
    throw e;
  }
  return {};
}

describe('DATA_SOURCE=http configuration', () => {
  it('names every variable that http needs and is missing, in one error', () => {
    expect(problemsOf({ DATA_SOURCE: 'http' })).toEqual({
      DATA_URL: expect.stringContaining('required when DATA_SOURCE=http') as string,
      DATA_AUTHORITY: expect.stringContaining('required when DATA_SOURCE=http') as string,
      DATA_CLIENT_ID: expect.stringContaining('required when DATA_SOURCE=http') as string,
      DATA_SCOPE: expect.stringContaining('required when DATA_SOURCE=http') as string,
      DATA_CLIENT_SECRET: 'required when DATA_SOURCE=http, unless DATA_CLIENT_CERTIFICATE_PATH is set',
    });
  });

  it('takes DATA_URL alone to mean http, and the file source otherwise', () => {
    expect(Object.keys(problemsOf({ DATA_URL: 'https://api.contoso.com/v1' }))).toEqual([
      'DATA_AUTHORITY',
      'DATA_CLIENT_ID',
      'DATA_SCOPE',
      'DATA_CLIENT_SECRET',
    ]);
    expect(loadConfig({}).dataSource).toBe('file');
    expect(loadConfig({ ...HTTP_ENV, DATA_URL: 'https://api.contoso.com/v1' })).toMatchObject({
      dataSource: 'http',
      dataHttp: { url: 'https://api.contoso.com/v1', timeoutMs: 30000, retries: 4, clientSecret: 'the-data-client-secret' },
    });
  });

  it('checks each value and never echoes the secret', () => {
    const problems = problemsOf({
      ...HTTP_ENV,
      DATA_URL: 'ftp://api.contoso.com',
      DATA_AUTHORITY: 'http://login.example',
      DATA_SCOPE: 'api://contoso-activity-api/read',
      DATA_CLIENT_CERTIFICATE_PATH: 'cert.pem',
      DATA_TIMEOUT_MS: '5',
    });
    expect(problems).toEqual({
      DATA_URL: expect.stringContaining('expected the http(s) base URL') as string,
      DATA_AUTHORITY: expect.stringContaining('expected an https URL') as string,
      DATA_SCOPE: expect.stringContaining('ending in /.default') as string,
      DATA_TIMEOUT_MS: expect.stringContaining('from 100 to 600000') as string,
      DATA_CLIENT_CERTIFICATE_PATH: 'set DATA_CLIENT_SECRET or DATA_CLIENT_CERTIFICATE_PATH, not both',
    });
    expect(problemsOf({ ...HTTP_ENV, DATA_URL: 'https://api.contoso.com', DATA_CLIENT_CERTIFICATE_PATH: 'cert.pem' })).toEqual({
      DATA_CLIENT_CERTIFICATE_PATH: 'set DATA_CLIENT_SECRET or DATA_CLIENT_CERTIFICATE_PATH, not both',
    });
    const error = (() => {
      try {
        loadConfig({ ...HTTP_ENV, DATA_URL: 'https://api.contoso.com', DATA_CLIENT_CERTIFICATE_PATH: 'cert.pem' });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).not.toContain(HTTP_ENV.DATA_CLIENT_SECRET);
  });

  it('refuses a plain-http data URL in production', () => {
    const production = { NODE_ENV: 'production', MicrosoftAppId: '5d7b1c2e-0a9f-4e8d-b7c6-a5f4e3d2c1b0', MicrosoftAppPassword: 'x' };
    expect(problemsOf({ ...production, ...HTTP_ENV, DATA_URL: 'http://api.contoso.com/v1' })).toEqual({
      DATA_URL: 'must be https when NODE_ENV=production (every request carries an access token)',
    });
  });
});

describe('a bot started with DATA_SOURCE=http', () => {
  const MARIO = { id: '29:mario', name: 'Mario Rossi', aadObjectId: '69f92ac1-7e16-5725-bfb4-f1448d5f8db4' };
  const TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';
  let api: CustomerApi;
  let connector: StandInConnector;
  let server: RunningServer | undefined;
  const tokens: TokenProvider = { description: 'fake authority', getToken: () => Promise.resolve('data-token') };

  beforeEach(async () => {
    api = await startCustomerApi({ pageSize: 6 });
    connector = await startStandInConnector();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await connector.close();
    await api.close();
  });

  it('answers from the API: a package renamed there is the name the user reads', async () => {
    api.edit('packages', (packages) => {
      const pkg = packages.find((p) => p.id === 'pkg-02');
      if (pkg) pkg.name = 'Azure Advanced Support (from the API)';
    });
    const log = captureLogger();
    server = await startServer(testConfig({ ...HTTP_ENV, DATA_URL: api.url }), {
      logger: log.logger,
      storage: new MemoryStorage(),
      dataTokens: tokens,
    });

    const ready: unknown = await (await fetch(`${server.url}/readyz`)).json();
    expect(JSON.stringify(ready)).toContain(`http:${api.url}`);

    await postActivity(
      server.url,
      teamsMessage(connector.url, 'which packages expire in the next 30 days', {
        from: MARIO,
        conversation: { id: 'a:mario-personal', conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      }),
    );
    const reply = JSON.stringify((await connector.nthActivity(1)).activity);
    expect(reply).toContain('Azure Advanced Support (from the API)');
    expect(new Set(api.requests.map((r) => r.token))).toEqual(new Set(['data-token']));
    expect(JSON.stringify(log.lines)).not.toContain('data-token');
    expect(JSON.stringify(log.lines)).not.toContain(HTTP_ENV.DATA_CLIENT_SECRET);
  });

  it('does not start when the API keeps failing, and says which request and why', async () => {
    api.fault('organization', { status: 503 }, { status: 503 });
    await expect(
      startServer(testConfig({ ...HTTP_ENV, DATA_URL: api.url, DATA_RETRIES: '1' }), {
        logger: captureLogger().logger,
        storage: new MemoryStorage(),
        dataTokens: tokens,
      }),
    ).rejects.toThrow(`GET organization (${api.url}/organization): HTTP 503 Service Unavailable, 2 attempts`);
  });
});

describe('npm start with DATA_SOURCE=http', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'http-data-'));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('refuses to start without DATA_URL, naming it', async () => {
    const server = spawnServer({ DATA_SOURCE: 'http', STORAGE: 'memory', PORT: '0' }, cwd);
    expect((await server.exited).code).toBe(1);
    expect(server.stderr()).toMatch(/^\s+DATA_URL: required when DATA_SOURCE=http/m);
   }, 60_000); // a server process: tsx compiles it first

  it('answers from the API with a token that msal-node got from the authority', async () => {
    const TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';
    const idp = await startIdentityStandIn({ clients: [{ clientId: HTTP_ENV.DATA_CLIENT_ID, secret: HTTP_ENV.DATA_CLIENT_SECRET }] });
    const api = await startCustomerApi();
    const connector = await startStandInConnector();
    api.authorize = (token) => token !== undefined && idp.tokenRequests.some((r) => r.accessToken === token);
    api.edit('packages', (packages) => {
      const pkg = packages.find((p) => p.id === 'pkg-02');
      if (pkg) pkg.name = 'Azure Advanced Support (through MSAL)';
    });
    try {
      const { process: server, url } = await startReadyServer(
        {
          ...HTTP_ENV,
          DATA_URL: api.url,
          DATA_AUTHORITY: idp.authority(TENANT),
          NODE_EXTRA_CA_CERTS: idp.caFile, // the authority's TLS certificate comes from the test CA
          STORAGE: 'memory',
          PORT: '0',
          TODAY: '2026-11-22',
          LOG_LEVEL: 'debug',
        },
        cwd,
      );
      try {
        await postActivity(
          url,
          teamsMessage(connector.url, 'which packages expire in the next 30 days', {
            from: { id: '29:mario', name: 'Mario Rossi', aadObjectId: '69f92ac1-7e16-5725-bfb4-f1448d5f8db4' },
            conversation: { id: 'a:mario-personal', conversationType: 'personal', tenantId: TENANT },
            channelData: { tenant: { id: TENANT } },
          }),
        );
        expect(JSON.stringify((await connector.nthActivity(1)).activity)).toContain('Azure Advanced Support (through MSAL)');
        expect(idp.tokenRequests).toEqual([
          expect.objectContaining({ tenant: TENANT, clientId: HTTP_ENV.DATA_CLIENT_ID, scope: HTTP_ENV.DATA_SCOPE, credential: 'secret' }),
        ]);
        const logs = JSON.stringify(server.logs);
        expect(logs).not.toContain(HTTP_ENV.DATA_CLIENT_SECRET);
        expect(logs).not.toContain(idp.tokenRequests[0]?.accessToken);
      } finally {
        expect((await stopServer(server)).code).toBe(0);
      }
    } finally {
      await connector.close();
      await api.close();
      await idp.close();
    }
  }, 60_000);
});
