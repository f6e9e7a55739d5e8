import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import type { StoredItem } from '../../src/storage/storage';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type ReceivedActivity, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// Teams gives up on a POST after 15 s. A turn whose work is still going after
// WORKING_ON_IT_AFTER_MS answers "working on it" at once, and its answer takes that message's place.
// The slow work here is the audit log's storage, held until the test lets it go.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';
const MARIO = { id: '29:mario', name: 'Mario Rossi', aadObjectId: '69f92ac1-7e16-5725-bfb4-f1448d5f8db4' };
const MARIO_CHAT = { id: 'a:mario-personal', conversationType: 'personal', tenantId: TENANT };

/** Memory storage whose audit reads wait until `release()`. */
class HeldAuditStorage extends MemoryStorage {
  private released!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.released = resolve));

  release(): void {
    this.released();
  }

  override async read<T>(key: string): Promise<StoredItem<T> | undefined> {
    if (key.startsWith('audit/')) await this.gate;
    return super.read<T>(key);
  }
}

const texts = (r: ReceivedActivity | undefined): string => JSON.stringify(r?.activity ?? {});
const fromMario = (serviceUrl: string, text: string) =>
  teamsMessage(serviceUrl, text, { from: MARIO, conversation: MARIO_CHAT, channelData: { tenant: { id: TENANT } } });

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
