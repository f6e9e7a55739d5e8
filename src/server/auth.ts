import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { readAppCertificate } from './auth-certificate';
import { MsalCredentialsFactory, type AppCredential } from './auth-credentials';
import type { BotFrameworkEndpoints, Config } from './config';
import { kept, TimeBoundConnectorFactory } from './connector-factory';
import type { ServerLogger } from './logger';

// Bot Framework authentication from the configuration: incoming requests are checked by
// botbuilder against the channel's (or the Emulator's) OpenID metadata; outgoing ones carry a
// token from msal-node (auth-credentials.ts) and go through connector-factory.ts, bounded in time.

type BotConfig = Config['bot'];

/** The public cloud, as botbuilder's defaults; the *Url/*Scope/*Issuer variables replace any of them. */
const PUBLIC_CLOUD: Required<BotFrameworkEndpoints> = {
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
};

/** What jsonwebtoken throws for a bad signature, a malformed token or a token not valid yet. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The configuration keys handed to botbuilder. All endpoints are always given: botbuilder takes
 * any one of them as "a custom cloud" and then leaves the others undefined.
 */
export function botFrameworkSettings(bot: BotConfig): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppTenantId: bot.tenantId,
    ...PUBLIC_CLOUD,
    ...bot.endpoints,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * Where the app's tokens come from: the login URL names the Bot Framework tenant
 * (…/botframework.com); a single-tenant app gets them from its own tenant instead, as botbuilder
 * does for the public and government clouds.
 */
export function appAuthority(bot: BotConfig): string {
  const loginUrl = bot.endpoints?.ToChannelFromBotLoginUrl ?? PUBLIC_CLOUD.ToChannelFromBotLoginUrl;
  if (bot.appType !== 'SingleTenant') return loginUrl;
  const url = new URL(loginUrl);
  url.pathname = url.pathname.replace(/[^/]*\/?$/, bot.tenantId);
  return url.toString();
}

function appCredential(bot: BotConfig): AppCredential {
  if (bot.appType === 'UserAssignedMSI') return { kind: 'managed-identity' };
  if (bot.certificate) return { kind: 'certificate', certificate: readAppCertificate(bot.certificate.path, bot.certificate.thumbprint) };
  return { kind: 'secret', secret: bot.appPassword };
}

/**
 * Replies (the turn's connector) and proactive messages (createConnectorFactory) go through our
 * factory: botbuilder's sets no timeout and takes no policy. Streaming requests keep theirs: their
 * replies go back over the socket (CloudAdapter's StreamingConnectorFactory).
 */
class TimeBoundAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors: ConnectorFactory;
  /** By app id: ours, the only one a token to this bot may carry (it serves no skills). */
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(bot: BotConfig, settings: ConfigurationBotFrameworkAuthenticationOptions, credentials: ServiceClientCredentialsFactory) {
    super(settings, credentials);
    // the app id is ours, not the incoming token's audience: the two are equal, as this bot serves no skills
    this.connectors = new TimeBoundConnectorFactory({
      appId: bot.appId,
      oAuthScope: settings.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
      loginEndpoint: settings.ToChannelFromBotLoginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
      validateAuthority: true, // as botFrameworkSettings says, and botbuilder's default
      credentials,
      limits: bot.connector,
    });
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return { ...(await super.authenticateRequest(activity, authHeader)), connectorFactory: this.connectors };
  }

  override createConnectorFactory(_claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.connectors;
  }

  /** CloudAdapter asks for one on every turn; botbuilder builds a new client each time. */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    return kept(this.userTokenClients, appId, () => super.createUserTokenClient(claimsIdentity));
  }
}

/**
 * botbuilder checks tokens and refuses with an AuthenticationError (401), except for what
 * jsonwebtoken itself rejects (a bad signature, a malformed token), which it passes on as it is
 * and CloudAdapter answers 500. Bot Framework's rule for all of them is 401.
 */
class BotFrameworkTokenAuthentication extends TimeBoundAuthentication {
  constructor(
    bot: BotConfig,
    credentials: MsalCredentialsFactory,
    private readonly logger: ServerLogger,
  ) {
    super(bot, botFrameworkSettings(bot), credentials);
  }

  override authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.refusing(super.authenticateRequest(activity, authHeader));
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.refusing(super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.refusing(super.authenticateChannelRequest(authHeader));
  }

  private async refusing<T>(check: Promise<T>): Promise<T> {
    try {
      return await check;
    } catch (e) {
      if (e instanceof AuthenticationError || (e instanceof Error && TOKEN_ERRORS.has(e.name))) {
        const reason = e.message;
        this.logger.info({ reason }, 'request refused (401): no valid Bot Framework token');
        throw e instanceof AuthenticationError ? e : new AuthenticationError(`Unauthorized. ${reason}`, StatusCodes.UNAUTHORIZED);
      }
      // the metadata could not be fetched: a 500, which the channel retries
      this.logger.error({ err: e }, 'cannot check the Bot Framework token');
      throw e;
    }
  }
}

/**
 * With an empty app id botbuilder turns authentication off: the credentials factory reports
 * isAuthenticationDisabled(), incoming requests get an anonymous identity whatever their
 * Authorization header, and replies carry no token (what the Emulator and Agents Playground expect).
 */
export function createBotFrameworkAuthentication(bot: BotConfig, logger: ServerLogger): ConfigurationBotFrameworkAuthentication {
  if (!bot.appId) {
    const settings = { MicrosoftAppId: '' };
    return new TimeBoundAuthentication(bot, settings, new ConfigurationServiceClientCredentialFactory(settings));
  }
  const credentials = new MsalCredentialsFactory({ appId: bot.appId, authority: appAuthority(bot), credential: appCredential(bot) });
  return new BotFrameworkTokenAuthentication(bot, credentials, logger);
}
