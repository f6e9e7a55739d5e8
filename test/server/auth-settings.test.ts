import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createAdapter } from '../../src/server/adapter';
import { appAuthority, botFrameworkSettings } from '../../src/server/auth';
import { readAppCertificate } from '../../src/server/auth-certificate';
import { ConfigError, loadConfig } from '../../src/server/config';
import { startIdentityStandIn, type IdentityStandIn } from '../support/identity-stand-in';
import { captureLogger } from './helpers/capture-logger';
import { testConfig } from './helpers/test-config';

// The authentication settings on their own (no bot process): what start-up accepts and refuses,
// what botbuilder is given, and the identity stand-in as other token clients use it.

const TENANT = '7d1c3b2a-5e4f-4a6b-9c8d-0e1f2a3b4c5d';
const SECRET = 'stand-in~client-secret-42';

let identity: IdentityStandIn;
beforeAll(async () => {
  identity = await startIdentityStandIn();
});
afterAll(() => identity?.close());

describe('authentication settings', () => {
  const APP_ID = '66666666-6666-4666-8666-666666666666';
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.problems.map((p) => `${p.variable}: ${p.message}`);
    }
    return [];
  };

  it('takes a certificate instead of a secret, and names the variable of every inconsistency', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppCertificatePath: '/etc/bot/app.pem' })).toEqual([]);
    expect(problemsOf({ MicrosoftAppId: APP_ID })).toEqual([expect.stringMatching(/^MicrosoftAppPassword: required .* \(or MicrosoftAppCertificatePath for a certificate\)/)]);
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppCertificatePath: '/etc/bot/app.pem' })).toEqual([
      expect.stringMatching(/^MicrosoftAppCertificatePath: and MicrosoftAppPassword are both set/),
    ]);
    expect(
      problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, MicrosoftAppCertificatePath: '/a.pem' }),
    ).toEqual([expect.stringMatching(/^MicrosoftAppCertificatePath: must be empty when MicrosoftAppType=UserAssignedMSI/)]);
    expect(problemsOf({ MicrosoftAppCertificatePath: '/a.pem' })).toEqual([expect.stringMatching(/^MicrosoftAppCertificatePath: is set but MicrosoftAppId is empty/)]);
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppCertificateThumbprint: 'AB'.repeat(20) })).toEqual([
      expect.stringMatching(/^MicrosoftAppCertificateThumbprint: is set but MicrosoftAppCertificatePath is empty/),
    ]);
    expect(
      problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppCertificatePath: '/a.pem', MicrosoftAppCertificateThumbprint: 'not-hex' }),
    ).toEqual([expect.stringMatching(/^MicrosoftAppCertificateThumbprint: expected the hex SHA-1/)]);
  });

  it('takes every Bot Framework endpoint as https URLs under botbuilder’s own keys, naming a bad one', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1/metadata' })).toEqual([
      expect.stringMatching(/^ToBotFromChannelOpenIdMetadataUrl: expected an https URL/),
    ]);
    const bot = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 's',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      ToChannelFromBotLoginUrl: 'https://login.sovereign.example/botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.sovereign.example/v1/.well-known/openidconfiguration',
    }).bot;
    // one endpoint set: botbuilder gets the public cloud's for the others, not undefined
    expect(botFrameworkSettings(bot)).toEqual({
      MicrosoftAppId: APP_ID,
      MicrosoftAppTenantId: TENANT,
      ToChannelFromBotLoginUrl: 'https://login.sovereign.example/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.sovereign.example/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    });
    // a single-tenant app gets its tokens from its own tenant, in the same cloud
    expect(appAuthority(bot)).toBe(`https://login.sovereign.example/${TENANT}`);
    expect(appAuthority({ ...bot, appType: 'MultiTenant' })).toBe('https://login.sovereign.example/botframework.com');
  });

  describe('the certificate file, read at start-up', () => {
    let files: string;
    beforeAll(async () => {
      files = await mkdtemp(path.join(tmpdir(), 'bot-cert-'));
    });
    afterAll(() => rm(files, { recursive: true, force: true }));

    const problemOf = (read: () => unknown): string => {
      try {
        read();
      } catch (e) {
        if (e instanceof ConfigError) return e.problems.map((p) => `${p.variable}: ${p.message}`).join('\n');
        throw e;
      }
      throw new Error('expected a ConfigError');
    };

    it('takes a PEM file with the key and the certificate, sending its SHA-256 thumbprint and chain', async () => {
      const certificate = await identity.ca.clientCertificate('pem-file');
      expect(readAppCertificate(certificate.pemFile, undefined)).toEqual({
        privateKey: certificate.keyPem.trim(),
        thumbprintSha256: certificate.thumbprintSha256,
        x5c: certificate.certificatePem.trim(),
      });
      expect(readAppCertificate(certificate.pemFile, certificate.thumbprintSha1).thumbprintSha256).toBe(certificate.thumbprintSha256);
      expect(problemOf(() => readAppCertificate(certificate.pemFile, 'AB'.repeat(20)))).toMatch(
        /^MicrosoftAppCertificateThumbprint: is not that of the certificate in /,
      );
    });

    it('stops the start when the file is unusable, naming MicrosoftAppCertificatePath', () => {
      const config = testConfig({ MicrosoftAppId: '66666666-6666-4666-8666-666666666666', MicrosoftAppCertificatePath: path.join(files, 'none.pem') });
      expect(problemOf(() => createAdapter(config, captureLogger().logger))).toMatch(/^MicrosoftAppCertificatePath: cannot read /);
    });

    it('takes a key file with the thumbprint of its certificate, and names what is missing or wrong', async () => {
      const certificate = await identity.ca.clientCertificate('key-only');
      expect(readAppCertificate(certificate.keyFile, certificate.thumbprintSha1)).toEqual({
        privateKey: certificate.keyPem.trim(),
        thumbprint: certificate.thumbprintSha1,
      });
      expect(problemOf(() => readAppCertificate(certificate.keyFile, undefined))).toMatch(/^MicrosoftAppCertificateThumbprint: required when/);
      expect(problemOf(() => readAppCertificate(path.join(files, 'missing.pem'), undefined))).toMatch(
        /^MicrosoftAppCertificatePath: cannot read .*missing\.pem \(ENOENT\)/,
      );
      await writeFile(path.join(files, 'cert-only.pem'), certificate.certificatePem);
      expect(problemOf(() => readAppCertificate(path.join(files, 'cert-only.pem'), undefined))).toMatch(
        /^MicrosoftAppCertificatePath: .* holds no PEM private key/,
      );
      const other = await identity.ca.clientCertificate('other');
      await writeFile(path.join(files, 'mismatch.pem'), `${certificate.keyPem}${other.certificatePem}`);
      expect(problemOf(() => readAppCertificate(path.join(files, 'mismatch.pem'), undefined))).toMatch(
        /^MicrosoftAppCertificatePath: the first certificate in .* is not the private key's/,
      );
    });
  });
});

describe('the identity stand-in, for MSAL in the test process (other token clients reuse it)', () => {
  it('issues client-credentials tokens through its network client, and refuses a wrong secret', async () => {
    const clientId = '77777777-7777-4777-8777-777777777777';
    identity.addClient({ clientId, secret: SECRET, tenants: [TENANT] });
    const app = (clientSecret: string) =>
      new ConfidentialClientApplication({
        auth: { clientId, clientSecret, authority: identity.authority(TENANT), knownAuthorities: [new URL(identity.url).host] },
        system: { networkClient: identity.networkClient },
      });
    const result = await app(SECRET).acquireTokenByClientCredential({ scopes: ['api://customer-api/.default'] });
    expect(identity.tokenRequests.at(-1)).toEqual({
      endpoint: 'token',
      tenant: TENANT,
      clientId,
      scope: 'api://customer-api/.default',
      credential: 'secret',
      accessToken: result?.accessToken,
    });
    const claims = JSON.parse(Buffer.from(result?.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: 'api://customer-api', iss: identity.tokenIssuer(TENANT), appid: clientId, tid: TENANT });

    await expect(app('wrong').acquireTokenByClientCredential({ scopes: ['api://customer-api/.default'] })).rejects.toMatchObject({
      errorCode: 'invalid_client',
    });
    expect(identity.tokenRequests.at(-1)).toMatchObject({ clientId, error: 'invalid_client' });
  });
});
