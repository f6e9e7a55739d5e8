import type { IdentityStandIn } from '../../support/identity-stand-in';

/** The audience the bot asks tokens for (ToChannelFromBotOAuthScope): not the public cloud's, so its use shows. */
export const STAND_IN_CONNECTOR_AUDIENCE = 'https://api.botframework.test';

/**
 * The environment of a bot process whose Bot Framework endpoints all point at the identity
 * stand-in (botbuilder's configuration keys), trusting its CA: nothing of the public cloud is used.
 */
export function standInBotFrameworkEnv(identity: IdentityStandIn): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: identity.caFile,
    ToChannelFromBotLoginUrl: identity.loginUrl,
    ToChannelFromBotOAuthScope: STAND_IN_CONNECTOR_AUDIENCE,
    ToBotFromChannelTokenIssuer: identity.channelIssuer,
    ToBotFromChannelOpenIdMetadataUrl: identity.channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: identity.emulatorOpenIdMetadataUrl,
    OAuthUrl: `${identity.url}/user-token-service`,
  };
}

/** `Authorization` header of a request from the channel to the bot `appId` about `serviceUrl`. */
export function channelAuthorization(
  identity: IdentityStandIn,
  appId: string,
  serviceUrl: string,
  claims: Record<string, unknown> = {},
  options: Parameters<IdentityStandIn['channelToken']>[1] = {},
): { authorization: string } {
  return { authorization: `Bearer ${identity.channelToken({ aud: appId, serviceurl: serviceUrl, ...claims }, options)}` };
}
