import { FileDataSource } from '../../src/data/file-source';
import { HttpDataSource } from '../../src/data/http-source';
import { MsalTokenProvider, readCertificateCredential, type ClientCredential } from '../../src/data/msal-token-provider';
import { TokenError } from '../../src/data/token-provider';
import { startCustomerApi, type CustomerApi } from '../support/customer-api-stand-in';
import { startIdentityStandIn, type IdentityStandIn } from '../support/identity-stand-in';
import { SAMPLE_DIR } from '../support/sample-org';

// The HTTP data source with its real token provider: msal-node, client credentials, against the
// local identity stand-in (TLS with a test CA, Entra-style tenant metadata and token endpoint).

const TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';
const CLIENT_ID = '5d7b1c2e-0a9f-4e8d-b7c6-a5f4e3d2c1b0';
const API = 'api://contoso-activity-api';

/** The audience of a JWT (not verified: the stand-in API only tells tokens apart). */
const audienceOf = (token: string | undefined): unknown =>
  token ? (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud?: unknown }).aud : undefined;

describe('HttpDataSource with MSAL tokens', () => {
  let idp: IdentityStandIn;
  let api: CustomerApi;

  beforeAll(async () => {
    idp = await startIdentityStandIn();
  });
  afterAll(async () => {
    await idp.close();
  });
  beforeEach(async () => {
    api = await startCustomerApi({ pageSize: 20 });
    api.authorize = (token) => audienceOf(token) === API;
  });
  afterEach(async () => {
    await api.close();
  });

  const provider = (credential: ClientCredential, clientId = CLIENT_ID): MsalTokenProvider =>
    new MsalTokenProvider({ authority: idp.authority(TENANT), clientId, scope: `${API}/.default`, credential, networkClient: idp.networkClient });

  it('loads with a client-secret token, asks the authority once while the token is valid, and again after a 401', async () => {
    idp.addClient({ clientId: CLIENT_ID, secret: 'data-secret' });
    const tokens = provider({ secret: 'data-secret' });
    const source = new HttpDataSource({ url: api.url, tokens });
    const before = idp.tokenRequests.length;

    expect(await source.load()).toEqual(await new FileDataSource(SAMPLE_DIR).load());
    await source.load();
    const issued = idp.tokenRequests.slice(before);
    expect(issued).toEqual([expect.objectContaining({ tenant: TENANT, clientId: CLIENT_ID, scope: `${API}/.default`, credential: 'secret' })]);

    const revoked = issued[0]?.accessToken;
    api.authorize = (token) => token !== revoked && audienceOf(token) === API;
    await source.load();
    expect(idp.tokenRequests.slice(before)).toHaveLength(2);
    expect(api.requests.at(-1)?.token).toBe(idp.tokenRequests.at(-1)?.accessToken);
  });

  it('authenticates with a certificate from a PEM file', async () => {
    const certificate = await idp.ca.clientCertificate('data-reader');
    idp.addClient({ clientId: 'cert-client', certificatePem: certificate.certificatePem });
    const source = new HttpDataSource({ url: api.url, tokens: provider(await readCertificateCredential(certificate.pemFile), 'cert-client') });
    await source.load();
    expect(idp.tokenRequests.at(-1)).toMatchObject({ clientId: 'cert-client', credential: 'certificate', accessToken: expect.any(String) as string });
  });

  it('says why no token was issued, and asks the API nothing', async () => {
    idp.addClient({ clientId: 'wrong-secret-client', secret: 'right' });
    const source = new HttpDataSource({ url: api.url, tokens: provider({ secret: 'wrong' }, 'wrong-secret-client') });
    const error = await source.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as Error).message).toBe(
      `cannot get an access token from ${idp.authority(TENANT)} (client wrong-secret-client) for ${API}/.default: invalid_client: AADSTS7000215: Invalid client secret provided.`,
    );
    expect(api.requests).toEqual([]);
  });
});
