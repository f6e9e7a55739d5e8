import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type ReceivedActivity, type StandInConnector } from './helpers/stand-in-connector';
import { fromMario, postActivity } from './helpers/teams-activity';
import { HeldAuditStorage } from './helpers/held-audit-storage';
import { testConfig } from './helpers/test-config';

// Teams gives up on a POST after 15 s. A turn whose work is still going after
// WORKING_ON_IT_AFTER_MS answers "working on it" at once, and its answer takes that message's place.
// The slow work here is the audit log's storage, held until the test lets it go.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');

const texts = (r: ReceivedActivity | undefined): string => JSON.stringify(r?.activity ?? {});

describe('a turn that takes long', () => {
  let connector: StandInConnector;
  let server: RunningServer;
  let storage: HeldAuditStorage;

  beforeEach(async () => {
    connector = await startStandInConnector();
    storage = new HeldAuditStorage();
    server = await startServer(testConfig({ WORKING_ON_IT_AFTER_MS: '100' }), {
      logger: captureLogger().logger,
      dataSource: new FileDataSource(SAMPLE),
      storage,
    });
  });
  afterEach(async () => {
    storage.release();
    await server.stop();
    await connector.close();
  });

  it('answers "working on it" while the work goes on, then puts the answer in its place', async () => {
    // the POST returns although the audit log cannot be read yet
    const posted = await postActivity(server.url, fromMario(connector.url, 'who granted roles this month?'));
    expect(posted.status).toBe(200);
    const placeholder = await connector.nthActivity(1);
    expect(placeholder.method).toBe('POST');
    expect(texts(placeholder)).toContain('Working on it');

    storage.release();
    const answer = await connector.nthActivity(2);
    expect(answer.method).toBe('PUT');
    expect(answer.replyToActivityId).toBe('reply-1');
    expect(texts(answer)).toContain('Role and membership changes');
    expect(connector.received).toHaveLength(2);
  });

  it('answers a slow card click with a "working on it" card and later replaces the clicked card', async () => {
    const click = await postActivity(server.url, {
      ...fromMario(connector.url, ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'audit-card-7',
      value: { action: { type: 'Action.Execute', verb: 'audit', data: { since: '2026-11-01', until: '2026-11-22', page: '2' } }, trigger: 'manual' },
    });
    expect(click.status).toBe(200);
    expect(JSON.stringify(await click.json())).toContain('Working on it');

    storage.release();
    const answer = await connector.nthActivity(1);
    expect(answer.method).toBe('PUT');
    expect(answer.replyToActivityId).toBe('audit-card-7');
    expect(texts(answer)).toContain('Role and membership changes');
  });

  it('stops only after the answer of a slow turn is delivered', async () => {
    await postActivity(server.url, fromMario(connector.url, 'audit'));
    await connector.nthActivity(1);
    const stopped = server.stop();
    storage.release();
    await stopped;
    expect(connector.received.map((r) => r.method)).toEqual(['POST', 'PUT']);
  });

  it('answers a quick turn directly, with no "working on it"', async () => {
    storage.release();
    await postActivity(server.url, fromMario(connector.url, 'audit'));
    const answer = await connector.nthActivity(1);
    expect(texts(answer)).toContain('Role and membership changes');
    expect(texts(answer)).not.toContain('Working on it');
  });
});
