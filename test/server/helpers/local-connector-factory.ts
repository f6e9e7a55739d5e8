import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TimeBoundConnectorFactory, type ConnectorLimits } from '../../../src/server/connector-factory';

/** Our connector factory as local mode builds it (no app id: nothing signed), with the limits given. */
export const localConnectorFactory = (limits: ConnectorLimits): TimeBoundConnectorFactory =>
  new TimeBoundConnectorFactory({
    appId: '',
    oAuthScope: 'https://api.botframework.com',
    loginEndpoint: 'https://login.microsoftonline.com/botframework.com',
    validateAuthority: true,
    credentials: new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '' }),
    limits,
  });
