import fc from 'fast-check';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { MARIO, postActivity, SAMPLE_TENANT, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// Hostile input: thousands of random and mutated activities and card actions against a running
// bot. None may crash it, get a 500 or show anything internal; afterwards it answers as before.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const VERBS = ['history', 'summary', 'packages', 'decide-role', 'request-role', 'settle-change', 'reminder-snooze', 'audit', 'ask', 'delegate', 'x'];

type Json = Record<string, unknown>;

// a full collection before each heap reading, without starting jest with --expose-gc
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A valid message or card action from a sample user, to mutate. */
const valid = (serviceUrl: string, i: number): Json => {
  const message = teamsMessage(serviceUrl, 'show usage overview', {
    from: { ...MARIO, id: `29:fuzz-${i % 97}`, aadObjectId: i % 3 === 0 ? MARIO.aadObjectId : undefined },
    conversation: { id: `a:fuzz-${i % 13}`, conversationType: i % 4 === 0 ? 'channel' : 'personal', tenantId: SAMPLE_TENANT },
    channelData: { tenant: { id: SAMPLE_TENANT } },
  }) as Json;
  return i % 2 === 0
    ? message
    : { ...message, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: VERBS[i % VERBS.length], data: {} } } };
};

const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Replaces, deletes or adds a field somewhere in the activity, or the action's data. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom('type', 'from', 'conversation', 'serviceUrl', 'channelId', 'text', 'value', 'locale', 'recipient') }),
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('type', 'from', 'conversation', 'serviceUrl', 'text', 'value', 'locale', 'name', 'entities', 'channelData'), value: anyJson }),
  fc.record({ kind: fc.constant('text' as const), value: fc.string({ maxLength: 3000, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('data' as const), value: fc.dictionary(fc.constantFrom('page', 'requestId', 'entitlementId', 'workspace', 'decision', 'since', 'intent', 'entities', 'thresholds'), anyJson) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(activity: Json, m: Mutation): Json {
  const out: Json = { ...activity };
  if (m.kind === 'delete') delete out[m.key];
  else if (m.kind === 'set') out[m.key] = m.value;
  else if (m.kind === 'text') out.text = m.value;
  else out.value = { action: { type: 'Action.Execute', verb: (activity.value as { action?: { verb?: string } } | undefined)?.action?.verb ?? 'summary', data: m.value } };
  return out;
}

describe('hostile input', () => {
  let connector: StandInConnector;
  let server: RunningServer;

  beforeAll(async () => {
    connector = await startStandInConnector();
    server = await startServer(testConfig({ TODAY: '2026-11-22', USER_TURNS_PER_MINUTE: '0' }), {
      logger: captureLogger('fatal').logger,
      dataSource: new FileDataSource(SAMPLE),
      storage: new MemoryStorage(),
    });
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
  });

  it('survives 5,000 random and mutated activities without a 500 or internals, and answers correctly after', async () => {
    const mutations = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { numRuns: 4_000, seed: 20261126 });
    const garbage = fc.sample(anyJson, { numRuns: 1_000, seed: 7 });
    const bodies = [
      ...mutations.map((ms, i) => JSON.stringify(ms.reduce<Json>((a, m) => mutate(a, m), valid(connector.url, i)))),
      ...garbage.map((g) => JSON.stringify(g)),
    ];
    const statuses = new Map<number, number>();
    const leaks: string[] = [];
    const heapAt: number[] = [];
    for (let i = 0; i < bodies.length; i += 25) {
      if (i % 2_500 === 0) {
        connector.received.length = 0; // the stand-in's own record is not the bot's memory
        gc();
        heapAt.push(process.memoryUsage().heapUsed);
      }
      await Promise.all(
        bodies.slice(i, i + 25).map(async (body) => {
          const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500 && res.status !== 501) leaks.push(`${res.status} ${body.slice(0, 200)}`);
          if (/\bat .+\.(ts|js):\d+|node_modules|\/work\//.test(text)) leaks.push(`internals in ${res.status}: ${text.slice(0, 200)}`);
        }),
      );
    }
    expect(leaks).toEqual([]);
    expect(bodies).toHaveLength(5_000);
    expect([...statuses.keys()].every((s) => [200, 400, 413, 501].includes(s))).toBe(true);
    // memory flat: the second 2,500 activities leave the heap where the first left it
    connector.received.length = 0;
    gc();
    heapAt.push(process.memoryUsage().heapUsed);
    expect((heapAt[2] ?? 0) - (heapAt[1] ?? 0)).toBeLessThan(25 * 1024 * 1024);

    const before = connector.received.length;
    await postActivity(
      server.url,
      teamsMessage(connector.url, 'show usage overview', { from: MARIO, conversation: { id: 'a:after', conversationType: 'personal', tenantId: SAMPLE_TENANT }, channelData: { tenant: { id: SAMPLE_TENANT } } }),
    );
    const reply = connector.received.slice(before).find((r) => r.conversationId === 'a:after');
    expect(JSON.stringify(reply?.activity)).toContain('Usage summary · Finance');
  }, 180_000);
});
