import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import { TokenError, type TokenProvider } from './token-provider';

/** The app's proof of identity: a client secret, or a certificate (PEM key and certificate). */
export type ClientCredential = { secret: string } | { privateKey: string; certificate: string };

export interface MsalTokenOptions {
  /** https://login.microsoftonline.com/{tenant} or another OpenID authority (MSAL wants https). */
  authority: string;
  clientId: string;
  /** The API's scope for an app token: `{app id URI}/.default`. */
  scope: string;
  credential: ClientCredential;
  /** MSAL's HTTP client, replaced only where the authority's certificate is not publicly trusted (tests). */
  networkClient?: INetworkModule;
}

/** Client-credentials tokens from Microsoft Entra ID (or any OpenID authority) through msal-node, cached by MSAL. */
export class MsalTokenProvider implements TokenProvider {
  readonly description: string;
  private readonly app: ConfidentialClientApplication;

  constructor(private readonly options: MsalTokenOptions) {
    this.description = `${options.authority} (client ${options.clientId})`;
    const { credential } = options;
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: options.clientId,
        authority: options.authority,
        // the authority is the one configured, not a guess: no instance discovery round trip
        knownAuthorities: [new URL(options.authority).host],
        ...('secret' in credential
          ? { clientSecret: credential.secret }
          : {
              clientCertificate: {
                thumbprintSha256: new X509Certificate(credential.certificate).fingerprint256.replace(/:/g, ''),
                privateKey: credential.privateKey,
                x5c: credential.certificate, // sent along: subject name + issuer authentication
              },
            }),
      },
      system: {
        loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined },
        ...(options.networkClient ? { networkClient: options.networkClient } : {}),
      },
    });
  }

  async getToken(fresh = false): Promise<string> {
    let result;
    try {
      result = await this.app.acquireTokenByClientCredential({ scopes: [this.options.scope], skipCache: fresh });
    } catch (e) {
      throw new TokenError(`cannot get an access token from ${this.description} for ${this.options.scope}: ${msalMessage(e)}`, {
        cause: e,
      });
    }
    if (!result?.accessToken) throw new TokenError(`${this.description} returned no access token for ${this.options.scope}`);
    return result.accessToken;
  }
}

/** Reads a PEM file holding the private key and the certificate (as exported for an app registration). */
export async function readCertificateCredential(path: string): Promise<ClientCredential> {
  const pem = await readFile(path, 'utf8');
  const privateKey = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!privateKey || !certificate) {
    throw new TokenError(`${path} must hold a PEM private key and a PEM certificate${privateKey ? '' : ' (no private key found)'}`);
  }
  return { privateKey, certificate };
}

/** MSAL's error code and the server's description; the timestamps and correlation ids only make the line longer. */
function msalMessage(e: unknown): string {
  const { errorCode, errorMessage, message } = (e ?? {}) as { errorCode?: string; errorMessage?: string; message?: string };
  if (errorCode === 'endpoints_resolution_error') return `${errorCode}: cannot read the authority's OpenID metadata (is the authority right and reachable?)`;
  const text = (errorMessage || message || String(e)).replace(/\s+/g, ' ');
  const described = /Description: (.+?)(?: - (?:Correlation ID|Trace ID|Timestamp)\b|$)/.exec(text)?.[1] ?? text.split(/ Trace ID:/)[0] ?? text;
  const short = described.trim().length > 200 ? `${described.trim().slice(0, 197)}...` : described.trim();
  return errorCode && !short.startsWith(errorCode) ? `${errorCode}: ${short}` : short;
}
