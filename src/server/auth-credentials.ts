import { ConfidentialClientApplication, ManagedIdentityApplication, type NodeSystemOptions } from '@azure/msal-node';
import { AppCredentials, ServiceClientCredentialsFactory, type AuthenticatorResult } from 'botframework-connector';
import type { AppCertificate } from './auth-certificate';

// The tokens on the bot's outgoing requests (replies, proactive messages), from msal-node.
// botbuilder's own factories build their MSAL client inside (its nested msal-node 2, no way to
// pass knownAuthorities or a network client: a private authority means a round trip to
// login.microsoftonline.com for instance discovery) and go to @azure/identity for managed
// identities; this one keeps every credential on the project's msal-node.

export type AppCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; certificate: AppCertificate }
  /** A user-assigned managed identity whose client id is the bot's app id (MicrosoftAppType=UserAssignedMSI). */
  | { kind: 'managed-identity' };

export interface MsalCredentialsOptions {
  appId: string;
  /** Where the app's tokens come from, e.g. https://login.microsoftonline.com/botframework.com or …/{tenant id}. */
  authority: string;
  credential: AppCredential;
}

type TokenSource = (audience: string) => Promise<AuthenticatorResult>;

const DEFAULT_SCOPE_SUFFIX = '/.default';

/** AppCredentials keeps botbuilder's token cache and request signing; only where the token comes from is ours. */
class MsalTokenCredentials extends AppCredentials {
  constructor(
    appId: string,
    audience: string | undefined,
    private readonly source: TokenSource,
  ) {
    super(appId, undefined, audience);
  }

  protected override refreshToken(): Promise<AuthenticatorResult> {
    return this.source(this.oAuthScope);
  }
}

function failure(what: string, e: unknown): Error {
  const { errorCode, errorMessage, message } = (e ?? {}) as { errorCode?: string; errorMessage?: string; message?: string };
  // MSAL's first line says what went wrong; its trace and correlation ids only lengthen the log line
  const first = (errorMessage || message || String(e)).split(/\r?\n|Trace ID:/)[0]?.trim() ?? '';
  return new Error(`cannot get a token ${what}: ${errorCode && !first.startsWith(errorCode) ? `${errorCode}: ` : ''}${first}`, { cause: e });
}

function confidentialClient(options: MsalCredentialsOptions, system: NodeSystemOptions): TokenSource {
  const { appId, authority, credential } = options;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: appId,
      authority,
      // the authority is configured, not discovered: no instance discovery round trip
      knownAuthorities: [new URL(authority).host],
      ...(credential.kind === 'secret' ? { clientSecret: credential.secret } : {}),
      ...(credential.kind === 'certificate' ? { clientCertificate: credential.certificate } : {}),
    },
    system,
  });
  return async (audience) => {
    const scope = audience.endsWith(DEFAULT_SCOPE_SUFFIX) ? audience : `${audience}${DEFAULT_SCOPE_SUFFIX}`;
    let result;
    try {
      result = await app.acquireTokenByClientCredential({ scopes: [scope] });
    } catch (e) {
      throw failure(`from ${authority} for ${scope} (app ${appId})`, e);
    }
    if (!result?.accessToken || !result.expiresOn) throw new Error(`${authority} returned no access token for ${scope}`);
    return { accessToken: result.accessToken, expiresOn: new Date(result.expiresOn) };
  };
}

function managedIdentity(options: MsalCredentialsOptions, system: NodeSystemOptions): TokenSource {
  // msal-node finds the identity endpoint itself: App Service (IDENTITY_ENDPOINT), Arc, IMDS...
  const app = new ManagedIdentityApplication({ managedIdentityIdParams: { userAssignedClientId: options.appId }, system });
  return async (audience) => {
    const resource = audience.endsWith(DEFAULT_SCOPE_SUFFIX) ? audience.slice(0, -DEFAULT_SCOPE_SUFFIX.length) : audience;
    let result;
    try {
      result = await app.acquireToken({ resource });
    } catch (e) {
      throw failure(`from the managed identity ${options.appId} for ${resource}`, e);
    }
    if (!result.accessToken || !result.expiresOn) throw new Error(`the managed identity endpoint returned no access token for ${resource}`);
    return { accessToken: result.accessToken, expiresOn: new Date(result.expiresOn) };
  };
}

/** botbuilder's ServiceClientCredentialsFactory for one app id, over msal-node. */
export class MsalCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly source: TokenSource;

  constructor(private readonly options: MsalCredentialsOptions) {
    super();
    // MSAL's own HTTP client: node:https, trusting the system's CAs plus NODE_EXTRA_CA_CERTS
    const system: NodeSystemOptions = { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } };
    this.source = options.credential.kind === 'managed-identity' ? managedIdentity(options, system) : confidentialClient(options, system);
  }

  override isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === this.options.appId);
  }

  override isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** `loginEndpoint` is the ToChannelFromBotLoginUrl botbuilder was given: `authority` already holds it (with the tenant). */
  override async createCredentials(appId: string, audience: string | undefined): Promise<AppCredentials> {
    if (!(await this.isValidAppId(appId))) throw new Error(`no credentials for app id ${appId}: this bot is ${this.options.appId}`);
    return new MsalTokenCredentials(appId, audience, this.source);
  }
}
