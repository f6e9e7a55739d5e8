import {
  constants,
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { INetworkModule } from '@azure/msal-node';
import { trustingNetworkClient } from './msal-network-client';
import { text } from 'node:stream/consumers';
import { createTestCa, type TestCa } from './test-ca';

// A local Microsoft identity platform and Bot Framework token service, over TLS with a CA made at
// test time: the channel's OpenID metadata and signing keys (what the bot checks incoming
// requests against), Entra-style tenant metadata and a client-credentials token endpoint (what
// MSAL gets the bot's outgoing tokens from), and an App Service managed identity endpoint.
// Tokens are JWTs signed with a key made here; nothing reaches the internet.

/** An app the token endpoint knows, with the credential it must prove. */
export type StandInClient =
  | { clientId: string; secret: string; tenants?: string[] }
  | { clientId: string; certificatePem: string; tenants?: string[] }
  | { clientId: string; managedIdentity: true };

export interface TokenRequest {
  endpoint: 'token' | 'managed-identity';
  /** The tenant of the authority the request went to (undefined for the managed identity endpoint). */
  tenant?: string;
  clientId: string;
  /** `scope` of a client-credentials request, `resource` of a managed identity request. */
  scope: string;
  credential: 'secret' | 'certificate' | 'managed-identity' | 'none';
  /** The token issued... */
  accessToken?: string;
  /** ...or the OAuth error code of the refusal. */
  error?: string;
}

export interface SignOptions {
  /** `unpublished`: a key of the same kid that the metadata does not publish (a forged token). */
  key?: 'published' | 'unpublished';
}

export interface IdentityStandIn {
  /** https://127.0.0.1:port */
  url: string;
  /** The CA that signed the TLS certificate: NODE_EXTRA_CA_CERTS=caFile for a child process. */
  caPem: string;
  caFile: string;
  /** Issues client certificates (for apps that authenticate with one) from the same CA. */
  ca: TestCa;
  /** ToBotFromChannelOpenIdMetadataUrl: the channel's metadata, keys endorsed for `channelEndorsements`. */
  channelOpenIdMetadataUrl: string;
  /** ToBotFromChannelTokenIssuer: the `iss` of channel tokens made by `channelToken`. */
  channelIssuer: string;
  /** ToBotFromEmulatorOpenIdMetadataUrl: the `common` tenant's metadata, as Entra publishes it. */
  emulatorOpenIdMetadataUrl: string;
  /** ToChannelFromBotLoginUrl: the Bot Framework tenant's authority (`authority('botframework.com')`). */
  loginUrl: string;
  /** `https://127.0.0.1:port/{tenant}`: an MSAL authority whose token endpoint is here. */
  authority(tenant: string): string;
  /** The `iss` of the access tokens issued for `tenant`; their keys are at `${authority(tenant)}/discovery/v2.0/keys`. */
  tokenIssuer(tenant: string): string;
  /** An App Service managed identity endpoint: IDENTITY_ENDPOINT and IDENTITY_HEADER for msal-node. */
  managedIdentity: { endpoint: string; header: string };
  /** An msal-node network client that trusts the CA, for MSAL in the test's own process. */
  networkClient: INetworkModule;
  addClient(client: StandInClient): void;
  /** A compact RS256 JWT with the stand-in's key id. */
  signJwt(payload: Record<string, unknown>, options?: SignOptions): string;
  /**
   * A token as the Bot Framework channel sends it to a bot: `iss` channelIssuer, valid for an hour
   * from now; `claims` adds or replaces claims (aud = the bot's app id, serviceurl, exp...).
   */
  channelToken(claims: Record<string, unknown>, options?: SignOptions): string;
  /** Every token request to the token and managed identity endpoints, in order. */
  tokenRequests: TokenRequest[];
  /** Every request, in order (which metadata documents and keys were read). */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export interface IdentityStandInOptions {
  clients?: StandInClient[];
  /** Channels the channel signing key is endorsed for (the bot refuses tokens for other channels). */
  channelEndorsements?: string[];
}

const KEY_ID = 'stand-in-signing-key';
const TOKEN_LIFETIME_SECONDS = 3600;

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

function signWith(key: KeyObject, payload: Record<string, unknown>): string {
  const data = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KEY_ID }))}.${base64url(JSON.stringify(payload))}`;
  return `${data}.${base64url(sign('sha256', Buffer.from(data), key))}`;
}

function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown>; data: string; signature: Buffer } {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
    data: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** Why a client assertion (a certificate credential) is not acceptable, or undefined when it is. */
function assertionProblem(assertion: string, certificatePem: string, clientId: string, audience: string): string | undefined {
  let jwt;
  try {
    jwt = decodeJwt(assertion);
  } catch {
    return 'not a JWT';
  }
  const certificate = new X509Certificate(certificatePem);
  const { header, payload } = jwt;
  const sha256 = base64url(createHash('sha256').update(certificate.raw).digest());
  const sha1 = base64url(createHash('sha1').update(certificate.raw).digest());
  if (header['x5t#S256'] !== sha256 && header.x5t !== sha1) return 'the thumbprint is not that of the registered certificate';
  const key = header.alg === 'PS256' ? { key: certificate.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING } : certificate.publicKey;
  if (!['RS256', 'PS256'].includes(String(header.alg)) || !verify('sha256', Buffer.from(jwt.data), key, jwt.signature)) {
    return 'bad signature';
  }
  if (payload.aud !== audience) return `aud is not the token endpoint (${String(payload.aud)})`;
  if (payload.iss !== clientId || payload.sub !== clientId) return 'iss and sub must be the client id';
  if (typeof payload.exp !== 'number' || payload.exp < now()) return 'expired';
  return undefined;
}


const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

export async function startIdentityStandIn(options: IdentityStandInOptions = {}): Promise<IdentityStandIn> {
  const ca = await createTestCa();
  const tls = await ca.serverCertificate();
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unpublished = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...published.publicKey.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig' };
  const clients = new Map<string, StandInClient>((options.clients ?? []).map((c) => [c.clientId, c]));
  const identityHeader = randomBytes(16).toString('hex');
  const tokenRequests: TokenRequest[] = [];
  const requests: { method: string; path: string }[] = [];
  let url = '';

  const issue = (claims: Record<string, unknown>): string => {
    const iat = now();
    // a token id of its own, as Entra's `uti`: two tokens issued within one second still differ
    return signWith(published.privateKey, { iat, nbf: iat, exp: iat + TOKEN_LIFETIME_SECONDS, uti: randomBytes(12).toString('base64url'), ...claims });
  };

  const tokenEndpoint = async (req: IncomingMessage, res: ServerResponse, tenant: string): Promise<void> => {
    const form = new URLSearchParams(await text(req));
    const clientId = form.get('client_id') ?? '';
    const scope = form.get('scope') ?? '';
    const client = clients.get(clientId);
    const record: TokenRequest = {
      endpoint: 'token',
      tenant,
      clientId,
      scope,
      credential: form.has('client_secret') ? 'secret' : form.has('client_assertion') ? 'certificate' : 'none',
    };
    tokenRequests.push(record);
    const refuse = (status: number, error: string, description: string): void => {
      record.error = error;
      sendJson(res, status, { error, error_description: description, error_codes: [], timestamp: new Date().toISOString() });
    };
    if (form.get('grant_type') !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'only client_credentials here');
    if (!client || 'managedIdentity' in client || (client.tenants && !client.tenants.includes(tenant))) {
      return refuse(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    }
    if (!scope.endsWith('/.default')) return refuse(400, 'invalid_scope', 'AADSTS1002012: the scope of a client credentials request must end in /.default');
    if ('secret' in client) {
      if (form.get('client_secret') !== client.secret) return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    } else {
      const problem = form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
        ? assertionProblem(form.get('client_assertion') ?? '', client.certificatePem, clientId, `${url}/${tenant}/oauth2/v2.0/token`)
        : 'no client assertion';
      if (problem) return refuse(401, 'invalid_client', `AADSTS700027: Client assertion failed signature validation: ${problem}.`);
    }
    const resource = scope.slice(0, -'/.default'.length);
    record.accessToken = issue({
      aud: resource,
      iss: `${url}/${tenant}/v2.0`,
      azp: clientId,
      appid: clientId,
      sub: clientId,
      tid: tenant,
      ver: '2.0',
    });
    sendJson(res, 200, { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: record.accessToken });
  };

  const managedIdentityEndpoint = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void => {
    const clientId = query.get('client_id') ?? '';
    const resource = query.get('resource') ?? '';
    const record: TokenRequest = { endpoint: 'managed-identity', clientId, scope: resource, credential: 'managed-identity' };
    tokenRequests.push(record);
    const client = clients.get(clientId);
    if (req.headers['x-identity-header'] !== identityHeader) {
      record.error = 'unauthorized';
      return sendJson(res, 401, { statusCode: 401, message: 'X-IDENTITY-HEADER is missing or wrong' });
    }
    if (!client || !('managedIdentity' in client) || !resource) {
      record.error = 'invalid_request';
      return sendJson(res, 400, { statusCode: 400, message: `No managed identity with client id '${clientId}' for resource '${resource}'` });
    }
    const audience = resource.replace(/\/\.default$/, '');
    record.accessToken = issue({ aud: audience, iss: `${url}/managed-identity`, appid: clientId, azp: clientId, sub: clientId, ver: '1.0' });
    sendJson(res, 200, {
      access_token: record.accessToken,
      expires_on: String(now() + TOKEN_LIFETIME_SECONDS),
      resource: audience,
      token_type: 'Bearer',
      client_id: clientId,
    });
  };

  const tenantMetadata = (tenant: string): Record<string, unknown> => ({
    issuer: `${url}/${tenant}/v2.0`,
    authorization_endpoint: `${url}/${tenant}/oauth2/v2.0/authorize`,
    token_endpoint: `${url}/${tenant}/oauth2/v2.0/token`,
    jwks_uri: `${url}/${tenant}/discovery/v2.0/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname, searchParams } = new URL(req.url ?? '/', url);
    requests.push({ method: req.method ?? '', path: pathname });
    if (req.method === 'GET' && pathname === '/v1/.well-known/openidconfiguration') {
      return sendJson(res, 200, {
        issuer: url,
        authorization_endpoint: `${url}/v1/authorize`,
        jwks_uri: `${url}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && pathname === '/v1/.well-known/keys') {
      return sendJson(res, 200, { keys: [{ ...jwk, endorsements: options.channelEndorsements ?? ['msteams'] }] });
    }
    if (req.method === 'GET' && pathname === '/msi/token') return managedIdentityEndpoint(req, res, searchParams);
    const tenantPath = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token)$/.exec(pathname);
    const tenant = decodeURIComponent(tenantPath?.[1] ?? '');
    if (req.method === 'GET' && tenantPath?.[2]?.startsWith('v2.0')) return sendJson(res, 200, tenantMetadata(tenant));
    if (req.method === 'GET' && tenantPath?.[2]?.startsWith('discovery')) return sendJson(res, 200, { keys: [jwk] });
    if (req.method === 'POST' && tenantPath?.[2]?.startsWith('oauth2')) return tokenEndpoint(req, res, tenant);
    sendJson(res, 404, { error: 'not_found', error_description: `the identity stand-in has no ${req.method} ${pathname}` });
  };

  const server: Server = createServer({ key: tls.keyPem, cert: tls.certificatePem }, (req, res) => {
    handle(req, res).catch((e: unknown) => sendJson(res, 500, { error: 'server_error', error_description: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    caPem: ca.caPem,
    caFile: ca.caFile,
    ca,
    channelOpenIdMetadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    channelIssuer: url,
    emulatorOpenIdMetadataUrl: `${url}/common/v2.0/.well-known/openid-configuration`,
    loginUrl: `${url}/botframework.com`,
    authority: (tenant) => `${url}/${tenant}`,
    tokenIssuer: (tenant) => `${url}/${tenant}/v2.0`,
    managedIdentity: { endpoint: `${url}/msi/token`, header: identityHeader },
    networkClient: trustingNetworkClient(ca.caPem),
    addClient: (client) => void clients.set(client.clientId, client),
    signJwt: (payload, signOptions) => signWith((signOptions?.key === 'unpublished' ? unpublished : published).privateKey, payload),
    channelToken(claims, signOptions) {
      const iat = now();
      const payload = { iss: url, iat, nbf: iat, exp: iat + TOKEN_LIFETIME_SECONDS, ...claims };
      return signWith((signOptions?.key === 'unpublished' ? unpublished : published).privateKey, payload);
    },
    tokenRequests,
    requests,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ca.dispose();
    },
  };
}
