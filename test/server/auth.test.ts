import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startIdentityStandIn, type IdentityStandIn, type StandInClient } from '../support/identity-stand-in';
import type { IssuedCertificate } from '../support/test-ca';
import { channelAuthorization, STAND_IN_CONNECTOR_AUDIENCE, standInBotFrameworkEnv } from './helpers/bot-framework-auth';
import { spawnServer, until, type ServerProcess } from './helpers/server-process';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { tinyDataset, writeDataset } from './helpers/tiny-dataset';

// Every test here talks to a real bot process (src/server/main.ts) whose Bot Framework endpoints
// all point at a local identity stand-in over TLS: no request leaves the machine.
jest.setTimeout(60_000);

const TENANT = '7d1c3b2a-5e4f-4a6b-9c8d-0e1f2a3b4c5d';
const OTHER_APP = '99999999-8888-4777-8666-555555555555';
const SECRET = 'stand-in~client-secret-42';
const now = (): number => Math.floor(Date.now() / 1000);

let identity: IdentityStandIn;
let dir: string;

interface AuthenticatedBot {
  url: string;
  process: ServerProcess;
}

/** Starts the bot as `npm start` does with `env`, and waits until it is ready. */
async function startBot(env: Record<string, string>): Promise<AuthenticatedBot> {
  const process = spawnServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      STORAGE: 'memory',
      DATA_DIR: path.join(dir, 'data'),
      TODAY: '2026-11-22',
      ...standInBotFrameworkEnv(identity),
      ...env,
    },
    dir,
  );
  const listening = await process.waitForLog((l) => l.msg === 'listening; loading data');
  const url = String(listening.url);
  await until(async () => (await fetch(`${url}/readyz`)).status === 200, 60_000);
  return { url, process };
}

async function stopBot(bot: AuthenticatedBot | undefined): Promise<void> {
  if (!bot) return;
  if (bot.process.child.exitCode === null && bot.process.child.signalCode === null) bot.process.child.kill('SIGKILL');
  await bot.process.exited;
}

const issuedTo = (clientId: string) => identity.tokenRequests.filter((r) => r.clientId === clientId && r.accessToken);

interface Variant {
  name: string;
  appId: string;
  client: (appId: string) => Promise<StandInClient>;
  env: (appId: string) => Promise<Record<string, string>>;
  /** Where the bot's token must come from. */
  expected: { endpoint: 'token' | 'managed-identity'; tenant?: string; credential: string; scope: string };
}

const VARIANTS: Variant[] = [
  {
    name: 'multi-tenant, client secret',
    appId: '11111111-1111-4111-8111-111111111111',
    client: (appId) => Promise.resolve({ clientId: appId, secret: SECRET, tenants: ['botframework.com'] }),
    env: (appId) => Promise.resolve({ MicrosoftAppId: appId, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'MultiTenant' }),
    expected: { endpoint: 'token', tenant: 'botframework.com', credential: 'secret', scope: `${STAND_IN_CONNECTOR_AUDIENCE}/.default` },
  },
  {
    name: 'single-tenant, client secret',
    appId: '22222222-2222-4222-8222-222222222222',
    // the app exists in its own tenant only: a token asked from the Bot Framework tenant is refused
    client: (appId) => Promise.resolve({ clientId: appId, secret: SECRET, tenants: [TENANT] }),
    env: (appId) =>
      Promise.resolve({ MicrosoftAppId: appId, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }),
    expected: { endpoint: 'token', tenant: TENANT, credential: 'secret', scope: `${STAND_IN_CONNECTOR_AUDIENCE}/.default` },
  },
  {
    name: 'single-tenant, certificate (PEM file with the key and the certificate)',
    appId: '33333333-3333-4333-8333-333333333333',
    client: async (appId) => ({ clientId: appId, certificatePem: (await certificateFor(appId)).certificatePem, tenants: [TENANT] }),
    env: async (appId) => ({
      MicrosoftAppId: appId,
      MicrosoftAppCertificatePath: (await certificateFor(appId)).pemFile,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    }),
    expected: { endpoint: 'token', tenant: TENANT, credential: 'certificate', scope: `${STAND_IN_CONNECTOR_AUDIENCE}/.default` },
  },
  {
    name: 'user-assigned managed identity (App Service identity endpoint)',
    appId: '44444444-4444-4444-8444-444444444444',
    client: (appId) => Promise.resolve({ clientId: appId, managedIdentity: true }),
    env: (appId) =>
      Promise.resolve({
        MicrosoftAppId: appId,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT,
        // what App Service sets for msal-node; here the stand-in answers in its place
        IDENTITY_ENDPOINT: identity.managedIdentity.endpoint,
        IDENTITY_HEADER: identity.managedIdentity.header,
      }),
    expected: { endpoint: 'managed-identity', credential: 'managed-identity', scope: STAND_IN_CONNECTOR_AUDIENCE },
  },
];
const MULTI_TENANT = VARIANTS[0] as Variant;

/** One client certificate per app, made by the stand-in's CA on first use. */
const certificates = new Map<string, Promise<IssuedCertificate>>();
const certificateFor = (appId: string): Promise<IssuedCertificate> => {
  const made = certificates.get(appId) ?? identity.ca.clientCertificate(appId);
  certificates.set(appId, made);
  return made;
};

/** One bot process per variant, started together (each start is seconds of tsx and module loading). */
const bots = new Map<string, AuthenticatedBot>();
const botOf = (variant: Variant): AuthenticatedBot => {
  const bot = bots.get(variant.name);
  if (!bot) throw new Error(`the bot for "${variant.name}" did not start`);
  return bot;
};

beforeAll(async () => {
  identity = await startIdentityStandIn();
  dir = await mkdtemp(path.join(tmpdir(), 'bot-auth-'));
  await writeDataset(path.join(dir, 'data'), tinyDataset());
  for (const variant of VARIANTS) identity.addClient(await variant.client(variant.appId));
  const starts = VARIANTS.map(async (variant) => bots.set(variant.name, await startBot(await variant.env(variant.appId))));
  const failed = (await Promise.allSettled(starts)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}, 180_000);

afterAll(async () => {
  await Promise.all([...bots.values()].map(stopBot));
  await identity?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(VARIANTS)('Bot Framework authentication: $name', (variant) => {
  const { appId, expected } = variant;
  let bot: AuthenticatedBot;
  let connector: StandInConnector;

  beforeAll(() => {
    bot = botOf(variant);
  });
  beforeEach(async () => {
    connector = await startStandInConnector();
  });
  afterEach(() => connector.close());

  it('processes a request with a valid channel token; the reply carries a token the local token endpoint issued through MSAL', async () => {
    const res = await postActivity(bot.url, teamsMessage(connector.url, 'help'), channelAuthorization(identity, appId, connector.url));
    expect(res.status).toBe(200);
    const reply = await connector.nthActivity(1);
    const issued = issuedTo(appId);
    expect(issued.length).toBeGreaterThanOrEqual(1);
    expect(issued.at(-1)).toMatchObject(expected);
    expect(reply.authorization).toBe(`Bearer ${issued.at(-1)?.accessToken}`);
    // the signing keys came from the stand-in's channel metadata, not from login.botframework.com
    expect(identity.requests).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/v1/.well-known/openidconfiguration' },
        { method: 'GET', path: '/v1/.well-known/keys' },
      ]),
    );
  });

  it('refuses a token from another issuer with 401 and processes nothing', async () => {
    const foreign = channelAuthorization(identity, appId, connector.url, { iss: 'https://api.botframework.com' });
    const res = await postActivity(bot.url, teamsMessage(connector.url, 'help'), foreign);
    expect(res.status).toBe(401);
    expect(connector.received).toEqual([]);
  });
});

describe(`Bot Framework authentication: what is refused (${MULTI_TENANT.name})`, () => {
  const { appId } = MULTI_TENANT;
  let bot: AuthenticatedBot;
  let connector: StandInConnector;

  beforeAll(() => {
    bot = botOf(MULTI_TENANT);
  });
  beforeEach(async () => {
    connector = await startStandInConnector();
  });
  afterEach(() => connector.close());

  const refusals: [string, () => Record<string, string>][] = [
    ['an expired token (beyond the 5 minutes of clock skew allowed)', () =>
      channelAuthorization(identity, appId, connector.url, { iat: now() - 7200, nbf: now() - 7200, exp: now() - 600 })],
    ['a token for another bot (wrong audience)', () => channelAuthorization(identity, OTHER_APP, connector.url)],
    ['a token from another issuer', () => channelAuthorization(identity, appId, connector.url, { iss: `${identity.url}/someone-else` })],
    ['a token signed with another key (bad signature)', () => channelAuthorization(identity, appId, connector.url, {}, { key: 'unpublished' })],
    ['a token for another service URL', () => channelAuthorization(identity, appId, 'https://smba.trafficmanager.net/emea/')],
    ['a request without an Authorization header', () => ({})],
    ['an Authorization header that is not a bearer token', () => ({ authorization: `Basic ${Buffer.from(`${appId}:${SECRET}`).toString('base64')}` })],
  ];

  it.each(refusals)('answers 401 to %s, runs no turn and sends nothing', async (_name, headers) => {
    const tokensBefore = issuedTo(appId).length;
    const res = await postActivity(bot.url, teamsMessage(connector.url, 'help'), headers());
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/at .+\.(js|ts):\d+/);
    // a turn would have replied before the response: nothing reached the connector, no token was needed
    expect(connector.received).toEqual([]);
    expect(issuedTo(appId)).toHaveLength(tokensBefore);
  });

  it('logs each refusal with its reason, never the token', async () => {
    const headers = channelAuthorization(identity, OTHER_APP, connector.url);
    await postActivity(bot.url, teamsMessage(connector.url, 'help'), headers);
    const refused = await bot.process.waitForLog(
      (l) => l.msg === 'request refused (401): no valid Bot Framework token' && String(l.reason).includes(OTHER_APP),
    );
    expect(refused.reason).toBe(`Unauthorized. Invalid AppId passed on token: ${OTHER_APP}`);
    expect(JSON.stringify(bot.process.logs)).not.toContain(headers.authorization.slice('Bearer '.length));
  });

  it('still answers a valid request after refusing the others', async () => {
    const res = await postActivity(bot.url, teamsMessage(connector.url, 'help'), channelAuthorization(identity, appId, connector.url));
    expect(res.status).toBe(200);
    expect((await connector.nthActivity(1)).authorization).toMatch(/^Bearer ey/);
  });

  it('checks Bot Framework Emulator tokens against the Emulator metadata endpoint it is given', async () => {
    const emulatorToken = identity.channelToken({
      iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', // the Bot Framework tenant's v1 issuer
      aud: appId,
      appid: appId,
      ver: '1.0',
    });
    const activity = teamsMessage(connector.url, 'help', { channelId: 'emulator' });
    const res = await postActivity(bot.url, activity, { authorization: `Bearer ${emulatorToken}` });
    expect(res.status).toBe(200);
    await connector.nthActivity(1);
    expect(identity.requests).toEqual(expect.arrayContaining([{ method: 'GET', path: '/common/v2.0/.well-known/openid-configuration' }]));
    const forged = identity.channelToken({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', aud: appId, appid: OTHER_APP, ver: '1.0' });
    expect((await postActivity(bot.url, activity, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });
});
