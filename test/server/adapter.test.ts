import { ActivityTypes, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { createAdapter, type HttpTurnResponse } from '../../src/server/adapter';
import { captureLogger } from './helpers/capture-logger';
import { testConfig } from './helpers/test-config';

// The turn over HTTP as CloudAdapter.process answered it, without its per-request schemas: what
// the channel gets back, and what the bot's turn sees of the activity.

interface Sent {
  status: number;
  body?: unknown;
}

function response(): HttpTurnResponse & { sent: Sent[] } {
  const sent: Sent[] = [];
  return { sent, send: (status, body) => sent.push({ status, body }) };
}

const message = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'message',
  id: 'm-1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:mario' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:chat', conversationType: 'personal' },
  text: 'help',
  ...extra,
});

describe('the adapter’s turn over HTTP', () => {
  it('hands the turn the channel’s times as dates, the text kept, and answers 200', async () => {
    const log = captureLogger();
    const adapter = createAdapter(testConfig({}), log.logger);
    const res = response();
    let seen: TurnContext['activity'] | undefined;
    await adapter.processTurn(
      { body: message({ timestamp: '2026-11-26T10:00:00.123Z', localTimestamp: '2026-11-26T11:00:00.123+01:00' }), headers: {} },
      res,
      (context) => {
        seen = context.activity;
        return Promise.resolve();
      },
    );
    expect(res.sent).toEqual([{ status: 200, body: undefined }]);
    expect(seen?.timestamp).toEqual(new Date('2026-11-26T10:00:00.123Z'));
    expect(seen?.localTimestamp).toEqual(new Date('2026-11-26T10:00:00.123Z'));
    expect(seen).toMatchObject({ rawTimestamp: '2026-11-26T10:00:00.123Z', rawLocalTimestamp: '2026-11-26T11:00:00.123+01:00' });
  });

  it('answers an invoke with the status and body the bot gave it', async () => {
    const adapter = createAdapter(testConfig({}), captureLogger().logger);
    const res = response();
    await adapter.processTurn({ body: message({ type: 'invoke', name: 'adaptiveCard/action' }), headers: {} }, res, async (context) => {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'done' } } });
    });
    expect(res.sent).toEqual([{ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'done' } }]);
  });

  it('answers 401 to a refused token and 500 to any other failure around the turn, logging it without telling the sender why', async () => {
    const log = captureLogger();
    const adapter = createAdapter(testConfig({}), log.logger);
    const authentication = (adapter as unknown as { botFrameworkAuthentication: { authenticateRequest: () => Promise<never> } }).botFrameworkAuthentication;
    const turns: string[] = [];
    const run = async (failure: Error): Promise<Sent[]> => {
      authentication.authenticateRequest = () => Promise.reject(failure);
      const res = response();
      await adapter.processTurn({ body: message(), headers: { authorization: 'Bearer x' } }, res, () => Promise.resolve(void turns.push('ran')));
      return res.sent;
    };

    expect(await run(new AuthenticationError('bad token', 401))).toEqual([{ status: 401, body: { error: 'unauthorized' } }]);
    expect(log.lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(await run(new Error('openid metadata at /internal/path unreachable'))).toEqual([{ status: 500, body: { error: 'the turn failed' } }]);
    expect(log.lines.find((l) => l.msg === 'the request could not be processed')).toMatchObject({ activityId: 'm-1', err: { message: 'openid metadata at /internal/path unreachable' } });
    expect(turns).toEqual([]);
  });
});
