import { ActivityHandler, TurnContext } from 'botbuilder';
import type { BotDeps } from '../../src/bot/bot-deps';
import { startServer, type RunningServer, type ServerDeps } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';
import { staticSource } from './helpers/tiny-dataset';

const APP_ID = '8a1f4b1c-2d3e-4f50-8a9b-0c1d2e3f4a5b';

/** A bot of the test's own, for the hosting mechanics: echoes, or fails when told to. */
function echoBot(_deps: BotDeps): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    if (text === 'fail') throw new Error('secret internal detail at /srv/bot/handler.ts:42');
    await context.sendActivity(`echo: ${text}`);
    await next();
  });
  return bot;
}

describe('POST /api/messages, end to end through a stand-in Teams connector', () => {
  let connector: StandInConnector;
  let server: RunningServer | undefined;
  const log = captureLogger();

  const start = async (deps: ServerDeps = {}, env: Record<string, string> = {}): Promise<RunningServer> => {
    server = await startServer(testConfig(env), { logger: log.logger, dataSource: staticSource(), ...deps });
    return server;
  };

  beforeEach(async () => {
    connector = await startStandInConnector();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await server?.stop();
    server = undefined;
    await connector.close();
  });

  it('runs the real bot: a Teams message gets its reply at the serviceUrl, in the same conversation, as a reply', async () => {
    const { url } = await start();
    const activity = teamsMessage(connector.url, 'help');

    const response = await postActivity(url, activity);
    expect(response.status).toBe(200);
    const reply = await connector.nthActivity(1);

    expect(reply.conversationId).toBe(activity.conversation.id);
    expect(reply.replyToActivityId).toBe(activity.id);
    expect(reply.activity).toMatchObject({
      type: 'message',
      replyToId: activity.id,
      conversation: { id: activity.conversation.id },
      recipient: { id: activity.from.id },
    });
    // the help card, as a Teams user would see it
    const card = (reply.activity.attachments as { contentType: string; content: object }[] | undefined)?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card?.content)).toContain('What you can ask');
    // local mode: no token is asked for or sent
    expect(reply.authorization).toBeUndefined();
  });

  it('hands the turn to the bot it is given and answers the channel only after the turn is done', async () => {
    const { url } = await start({ createBot: echoBot });
    const activity = teamsMessage(connector.url, 'ping');

    const response = await postActivity(url, activity);
    // the connector already has the reply when the channel gets its 200
    expect(connector.received).toHaveLength(1);
    expect(response.status).toBe(200);
    expect(connector.received[0]?.activity.text).toBe('echo: ping');
    expect(connector.received[0]?.replyToActivityId).toBe(activity.id);
  });

  it('answers a failed turn with a polite message in the user language, and keeps the detail in the log', async () => {
    const { url } = await start({ createBot: echoBot });

    await postActivity(url, teamsMessage(connector.url, 'fail', { locale: 'it-IT' }));
    await postActivity(url, teamsMessage(connector.url, 'fail', { locale: 'en-GB' }));

    const [italian, english] = [await connector.nthActivity(1), await connector.nthActivity(2)];
    expect(italian.activity.text).toBe('Mi dispiace, qualcosa è andato storto da parte mia. Riprova tra poco.');
    expect(english.activity.text).toBe('Sorry, something went wrong on my side. Please try again in a moment.');
    for (const { activity } of [italian, english]) expect(JSON.stringify(activity)).not.toContain('secret internal detail');
    expect(log.lines.some((l) => l.msg === 'turn failed' && JSON.stringify(l).includes('secret internal detail'))).toBe(true);
  });

  it('in local mode runs the turn whatever the Authorization header says (botbuilder turns authentication off)', async () => {
    const { url } = await start({ createBot: echoBot });
    const response = await postActivity(url, teamsMessage(connector.url, 'ping'), { authorization: 'Bearer anything' });
    expect(response.status).toBe(200);
    expect((await connector.nthActivity(1)).activity.text).toBe('echo: ping');
  });

  it('refuses a body that is not an activity', async () => {
    const { url } = await start({ createBot: echoBot });
    const notJson = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(notJson.status).toBe(400);
    const noType = await postActivity(url, { text: 'hello' });
    expect(noType.status).toBe(400);
    expect(await noType.json()).toEqual({ error: 'expected a Bot Framework activity: a JSON object with a type' });
    expect(connector.received).toHaveLength(0);
  });

  it('with an app id, turns away a request without a Bot Framework token and runs no turn', async () => {
    // botbuilder's CloudAdapter.process printed each refusal to the console; ours logs it, as JSON
    const consoleLines = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { url } = await start({ createBot: echoBot }, { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-here' });
    const response = await postActivity(url, teamsMessage(connector.url, 'ping'));
    expect(response.status).toBe(401);
    const forged = await postActivity(url, teamsMessage(connector.url, 'ping'), { authorization: 'Bearer not-a-token' });
    expect(forged.status).toBe(401);
    expect(connector.received).toHaveLength(0);
    expect(consoleLines).not.toHaveBeenCalled();
    expect(log.lines.filter((l) => l.msg === 'request refused (401): no valid Bot Framework token')).toHaveLength(2);
  });
});
