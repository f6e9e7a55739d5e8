import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActivityTypes, ConversationState, MemoryStorage as BotMemoryStorage, TestAdapter, TurnContext, UserState, type Activity } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { BotFrameworkStorage, ETagConflictError } from '../../src/bot/bot-framework-storage';
import { JournalStorage } from '../../src/storage/journal-storage';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { RedisStorage } from '../../src/storage/redis-storage';
import type { KeyValueStorage } from '../../src/storage/storage';
import { useTestRedis } from '../support/redis-server';

// botbuilder's Storage over each of our backends: the eTag rules botbuilder's storages follow,
// exactly one winner among writers holding the same eTag, and ConversationState, UserState and a
// dialog keeping their state through it.

interface Backend {
  /** The storage a bot instance uses. */
  storage: KeyValueStorage;
  /** What another bot instance uses: another client on the same Redis, the same journal (one process owns its folder). */
  other: KeyValueStorage;
  dispose(): Promise<void>;
}

const redis = useTestRedis();

const backends: [string, () => Promise<Backend>][] = [
  [
    'memory',
    () => {
      const storage = new MemoryStorage();
      return Promise.resolve({ storage, other: storage, dispose: () => storage.close() });
    },
  ],
  [
    'journal file',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'bot-framework-storage-'));
      const storage = new JournalStorage(dir);
      return {
        storage,
        other: storage,
        dispose: async () => {
          await storage.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'redis',
    () => {
      const keyPrefix = redis.prefix();
      const [storage, other] = [new RedisStorage(redis.url, { keyPrefix }), new RedisStorage(redis.url, { keyPrefix })];
      return Promise.resolve({
        storage,
        other,
        dispose: async () => {
          await Promise.all([storage.close(), other.close()]);
          await redis.deleteKeys(keyPrefix);
        },
      });
    },
  ],
];

describe.each(backends)('botbuilder Storage over %s storage', (_name, open) => {
  let backend: Backend;
  let storage: BotFrameworkStorage;
  beforeEach(async () => {
    backend = await open();
    storage = new BotFrameworkStorage(backend.storage);
  });
  afterEach(async () => {
    await backend.dispose();
  });

  describe('reading and writing', () => {
    it('reads nothing for unknown keys, and refuses a read without keys', async () => {
      await expect(storage.read(['unknown'])).resolves.toEqual({});
      await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
    });

    it('reads back what was written, each item with an eTag, whatever characters its key holds', async () => {
      const crazy = '!@#$%^&*()~/\\><,.?\';"`~ è€🙂';
      await storage.write({ first: { id: 1 }, second: { id: 2, nested: { ok: true } }, [crazy]: { id: 3 } });
      const items = await storage.read(['first', 'second', crazy, 'missing']);
      expect(Object.keys(items).sort()).toEqual([crazy, 'first', 'second'].sort());
      expect(items.second).toEqual({ id: 2, nested: { ok: true }, eTag: expect.any(String) });
      expect(items[crazy]).toMatchObject({ id: 3 });
      expect(new Set([items.first.eTag, items.second.eTag, items[crazy].eTag]).size).toBe(3);
    });

    it('writes nothing for no changes, and refuses an item that is not an object', async () => {
      await expect(storage.write({})).resolves.toBeUndefined();
      await expect(storage.write({ k: 'text' })).rejects.toThrow(/"k" must be an object/);
      await expect(storage.write(null as unknown as Record<string, unknown>)).rejects.toThrow(ReferenceError);
    });

    it('deletes items, and deleting an unknown key is not an error', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
      await storage.delete(['a', 'b', 'unknown']);
      expect(Object.keys(await storage.read(['a', 'b', 'c']))).toEqual(['c']);
    });

    it("keeps botbuilder's keys apart from the bot's own keys in the same storage", async () => {
      await backend.storage.write('state', { ours: true });
      await storage.write({ state: { theirs: true } });
      expect((await backend.storage.read('state'))?.value).toEqual({ ours: true });
      expect((await backend.storage.read('botframework:state'))?.value).toEqual({ theirs: true });
    });
  });

  describe('eTags (optimistic concurrency)', () => {
    it('writes with the eTag it read, and then refuses that eTag, which is stale, keeping the newer item', async () => {
      await storage.write({ item: { count: 1 } });
      const read = await storage.read(['item']);
      await storage.write({ item: { ...read.item, count: 2 } });
      const reread = await storage.read(['item']);
      expect(reread.item).toMatchObject({ count: 2 });
      expect(reread.item.eTag).not.toBe(read.item.eTag);

      const stale = storage.write({ item: { ...read.item, count: 99 } });
      await expect(stale).rejects.toThrow(ETagConflictError);
      await expect(stale).rejects.toThrow('Storage: error writing "item" due to eTag conflict.');
      expect((await storage.read(['item'])).item).toEqual(reread.item);
    });

    it("overwrites with eTag '*', an empty eTag or none", async () => {
      await storage.write({ item: { count: 1 } });
      const old = (await storage.read(['item'])).item;
      await storage.write({ item: { count: 2 } });
      for (const [eTag, count] of [['*', 3], ['', 4], [undefined, 5]] as const) {
        await storage.write({ item: { ...old, eTag, count } });
        expect((await storage.read(['item'])).item).toMatchObject({ count });
      }
    });

    it('refuses an eTag for an item deleted since it was read', async () => {
      await storage.write({ item: { count: 1 } });
      const read = await storage.read(['item']);
      await storage.delete(['item']);
      await expect(storage.write({ item: { ...read.item, count: 2 } })).rejects.toThrow(ETagConflictError);
      await expect(storage.read(['item'])).resolves.toEqual({});
    });

    it('lets exactly one of many writers holding the same eTag win, across two instances', async () => {
      const other = new BotFrameworkStorage(backend.other);
      await storage.write({ item: { writer: -1 } });
      const { item } = await storage.read(['item']);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : storage).write({ item: { ...item, writer: i } })),
      );
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ETagConflictError);
      expect((await other.read(['item'])).item).toMatchObject({ writer: won[0] });
    });

    it('writes the other items of a batch when one of them is stale, then reports the stale one', async () => {
      await storage.write({ stale: { n: 1 } });
      const { stale } = await storage.read(['stale']);
      await storage.write({ stale: { n: 2 } });
      await expect(storage.write({ stale: { ...stale, n: 3 }, fresh: { n: 1 } })).rejects.toThrow(/"stale"/);
      expect(await storage.read(['stale', 'fresh'])).toMatchObject({ stale: { n: 2 }, fresh: { n: 1 } });
    });
  });

  describe('Bot Framework state through it', () => {
    const activity = (text: string, user = 'user-1'): Partial<Activity> => ({
      type: ActivityTypes.Message,
      channelId: 'msteams',
      conversation: { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
      from: { id: user, name: user },
      recipient: { id: 'bot', name: 'bot' },
      serviceUrl: 'https://smba.example.net/emea/',
      text,
    });
    const turn = (text: string, user?: string): TurnContext => new TurnContext(new TestAdapter(() => Promise.resolve()), activity(text, user));

    it('keeps conversation and user state across turns and bot instances', async () => {
      const instances = [storage, new BotFrameworkStorage(backend.other)].map((s) => ({ conversation: new ConversationState(s), user: new UserState(s) }));
      for (let i = 0; i < 4; i++) {
        const { conversation, user } = instances[i % 2] ?? instances[0]!;
        const context = turn(`message ${i}`);
        const turns = conversation.createProperty<number>('turns');
        const name = user.createProperty<string>('name');
        await turns.set(context, (await turns.get(context, 0)) + 1);
        if (i === 0) await name.set(context, 'Mario');
        await conversation.saveChanges(context);
        await user.saveChanges(context);
      }
      const context = turn('last');
      const { conversation, user } = instances[0]!;
      expect(await conversation.createProperty<number>('turns').get(context)).toBe(4);
      expect(await user.createProperty<string>('name').get(context)).toBe('Mario');
      expect(await user.createProperty<string>('name').get(turn('hello', 'user-2'))).toBeUndefined();
    });

    it("saves ConversationState unconditionally, as botbuilder's BotState asks (eTag '*'): the later of two concurrent saves stays", async () => {
      const [a, b] = [new ConversationState(storage), new ConversationState(new BotFrameworkStorage(backend.other))];
      const [ca, cb] = [turn('from a'), turn('from b')];
      await a.createProperty<string>('last').set(ca, 'a'); // both instances load the state, then change it
      await b.createProperty<string>('last').set(cb, 'b');
      await a.saveChanges(ca);
      await expect(b.saveChanges(cb)).resolves.toBeUndefined();
      expect(await a.createProperty<string>('last').get(turn('read'))).toBe('b');
    });

    it('runs a waterfall dialog with a prompt, its state saved between turns', async () => {
      const state = new ConversationState(storage);
      const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
      dialogs.add(
        new TextPrompt('name', async (prompt) => {
          if (prompt.recognized.succeeded && (prompt.recognized.value ?? '').length > 3) return true;
          await prompt.context.sendActivity(`longer than 3, please (${prompt.attemptCount})`);
          return false;
        }),
      );
      dialogs.add(
        new WaterfallDialog('ask', [
          async (step) => step.prompt('name', 'your name?'),
          async (step) => {
            await step.context.sendActivity(`hello ${String(step.result)}`);
            return step.endDialog();
          },
        ]),
      );
      // each turn on a fresh adapter and state object: everything the dialog knows comes from storage
      const say = async (text: string): Promise<string[]> => {
        const replies: string[] = [];
        const adapter = new TestAdapter(async (context) => {
          const dc = await dialogs.createContext(context);
          const result = await dc.continueDialog();
          if (result.status === DialogTurnStatus.empty) await dc.beginDialog('ask');
          await state.saveChanges(context);
        });
        adapter.onTurnError = (_context, error) => Promise.reject(error);
        adapter.conversation.conversation.id = 'conversation-dialog';
        await adapter.send(text).startTest();
        replies.push(...adapter.activeQueue.map((a) => a.text ?? ''));
        return replies;
      };
      await expect(say('hi')).resolves.toEqual(['your name?']);
      await expect(say('Al')).resolves.toEqual(['longer than 3, please (1)']);
      await expect(say('Mario')).resolves.toEqual(['hello Mario']);
      await expect(say('again')).resolves.toEqual(['your name?']);
    });
  });
});

describe('botbuilder Storage adapter and botbuilder MemoryStorage', () => {
  it('agree on what a caller sees, item for item', async () => {
    const ours = new BotFrameworkStorage(new MemoryStorage());
    const theirs = new BotMemoryStorage();
    const shape = (items: Record<string, Record<string, unknown>>) =>
      Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { ...v, eTag: typeof v.eTag }]));
    for (const s of [ours, theirs]) {
      await s.write({ a: { n: 1 }, b: { list: [1, 2], nested: { x: null } } });
      await s.delete(['b']);
      await s.write({ c: { n: 3, eTag: '*' } });
    }
    const keys = ['a', 'b', 'c', 'd'];
    expect(shape(await ours.read(keys))).toEqual(shape(await theirs.read(keys)));
  });
});
