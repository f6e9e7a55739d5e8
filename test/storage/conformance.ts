import type { KeyValueStorage } from '../../src/storage/storage';

/** One backend under test, fresh and empty for each test. */
export interface StorageFixture {
  storage: KeyValueStorage;
  /** A second instance over the same place (folder, Redis prefix), when the backend persists. */
  reopen?: () => Promise<KeyValueStorage>;
  dispose?: () => Promise<void>;
}

interface Counter {
  n: number;
}

/**
 * The behaviour every KeyValueStorage backend owes its callers. Written once; each backend's test
 * file runs it, and a backend that passes is interchangeable with the others.
 */
export function describeStorageConformance(
  name: string,
  open: () => Promise<StorageFixture>,
  options: { persistent: boolean },
): void {
  describe(`${name} storage conformance`, () => {
    let fixture: StorageFixture;
    let storage: KeyValueStorage;
    const extra: KeyValueStorage[] = [];

    beforeEach(async () => {
      fixture = await open();
      storage = fixture.storage;
    });

    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await storage.close();
      await fixture.dispose?.();
    });

    it('reads nothing for a key never written', async () => {
      await expect(storage.read('missing')).resolves.toBeUndefined();
    });

    it('reads back what was written, with the eTag the write returned', async () => {
      const value = { name: 'Contoso', credits: 12.5, tags: ['a', 'b'], nested: { ok: true, none: null }, text: 'perché ✓' };
      const written = await storage.write('user:1', value);
      expect(written?.value).toEqual(value);
      expect(typeof written?.eTag).toBe('string');
      expect(written?.eTag).not.toBe('');
      await expect(storage.read('user:1')).resolves.toEqual({ value, eTag: written?.eTag });
    });

    it('stores strings, numbers, booleans, arrays and null as values', async () => {
      for (const [i, value] of ['text', 0, -3.25, false, [], [1, [2]], null].entries()) {
        await storage.write(`v${i}`, value);
        expect((await storage.read(`v${i}`))?.value).toEqual(value);
      }
    });

    it('gives a new eTag on every write, even of the same value', async () => {
      const first = await storage.write('k', { n: 1 });
      const second = await storage.write('k', { n: 1 });
      expect(second?.eTag).not.toBe(first?.eTag);
      expect((await storage.read('k'))?.eTag).toBe(second?.eTag);
    });

    it('hands out copies: changing a written or read object changes nothing stored', async () => {
      const value = { list: [1, 2] };
      await storage.write('k', value);
      value.list.push(3);
      const read = await storage.read<{ list: number[] }>('k');
      read?.value.list.push(4);
      expect((await storage.read('k'))?.value).toEqual({ list: [1, 2] });
    });

    it('keeps keys apart, whatever characters they hold', async () => {
      const keys = ['a', 'A', 'a/b', '../a', 'a b', 'conv:19:abc@thread.tacv2;messageid=1', 'è€🙂', 'x'.repeat(1000)];
      for (const key of keys) await storage.write(key, key);
      for (const key of keys) expect((await storage.read(key))?.value).toBe(key);
    });

    it('refuses an empty key and a value that is not JSON', async () => {
      await expect(storage.write('', 1)).rejects.toThrow(/key/);
      await expect(storage.read('')).rejects.toThrow(/key/);
      await expect(storage.write('k', undefined)).rejects.toThrow(/JSON/);
      await expect(storage.write('k', () => 1)).rejects.toThrow(/JSON/);
      await expect(storage.read('k')).resolves.toBeUndefined();
    });

    describe('write with an expected eTag (compare-and-set)', () => {
      it('null writes only when the key is absent', async () => {
        const created = await storage.write('k', 'first', null);
        expect(created?.value).toBe('first');
        await expect(storage.write('k', 'second', null)).resolves.toBeUndefined();
        await expect(storage.read('k')).resolves.toEqual({ value: 'first', eTag: created?.eTag });
      });

      it('a matching eTag writes and returns the new eTag', async () => {
        const first = await storage.write('k', 1);
        const second = await storage.write('k', 2, first?.eTag);
        expect(second?.value).toBe(2);
        expect(second?.eTag).not.toBe(first?.eTag);
        await expect(storage.read('k')).resolves.toEqual({ value: 2, eTag: second?.eTag });
      });

      it('a stale eTag writes nothing and returns undefined', async () => {
        const first = await storage.write('k', 1);
        const second = await storage.write('k', 2);
        await expect(storage.write('k', 3, first?.eTag)).resolves.toBeUndefined();
        await expect(storage.read('k')).resolves.toEqual({ value: 2, eTag: second?.eTag });
      });

      it('an eTag for a key that is absent (deleted meanwhile) writes nothing', async () => {
        const first = await storage.write('k', 1);
        await storage.delete('k');
        await expect(storage.write('k', 2, first?.eTag)).resolves.toBeUndefined();
        await expect(storage.read('k')).resolves.toBeUndefined();
      });

      it('no eTag writes unconditionally', async () => {
        await storage.write('k', 1);
        await expect(storage.write('k', 2)).resolves.toMatchObject({ value: 2 });
        expect((await storage.read('k'))?.value).toBe(2);
      });

      it('of many concurrent writers holding the same eTag, exactly one wins', async () => {
        const base = await storage.write('k', 'base');
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => storage.write('k', `writer ${i}`, base?.eTag)),
        );
        const winners = results.filter((r) => r !== undefined);
        expect(winners).toHaveLength(1);
        expect(await storage.read('k')).toEqual(winners[0]);
      });

      it('of many concurrent creators (eTag null), exactly one wins', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.write('k', i, null)));
        expect(results.filter((r) => r !== undefined)).toHaveLength(1);
      });

      it('read-modify-write retried on conflict loses no update', async () => {
        const increment = async (): Promise<void> => {
          for (;;) {
            const current = await storage.read<Counter>('counter');
            const next = { n: (current?.value.n ?? 0) + 1 };
            if (await storage.write('counter', next, current ? current.eTag : null)) return;
          }
        };
        await Promise.all(Array.from({ length: 15 }, increment));
        expect((await storage.read<Counter>('counter'))?.value).toEqual({ n: 15 });
      });
    });

    it('deletes a key, and deleting a missing key is not an error', async () => {
      await storage.write('k', 1);
      await storage.write('other', 2);
      await storage.delete('k');
      await expect(storage.read('k')).resolves.toBeUndefined();
      await expect(storage.delete('k')).resolves.toBeUndefined();
      expect((await storage.read('other'))?.value).toBe(2);
      await expect(storage.write('k', 3, null)).resolves.toMatchObject({ value: 3 });
    });

    it('answers ping while open', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });

    it('finishes accepted writes on close and refuses work afterwards', async () => {
      const pending = storage.write('k', 1);
      await storage.close();
      await expect(pending).resolves.toMatchObject({ value: 1 });
      await expect(storage.read('k')).rejects.toThrow(/closed/i);
      await expect(storage.write('k', 2)).rejects.toThrow(/closed/i);
      await expect(storage.ping()).rejects.toThrow(/closed/i);
      await expect(storage.close()).resolves.toBeUndefined();
    });

    // only backends that keep state have this duty; the memory backend does not register it
    if (options.persistent) it('a second instance over the same place sees the same values and eTags', async () => {
      if (!fixture.reopen) throw new Error('a persistent backend must give its fixture a reopen()');
      const written = await storage.write('k', { kept: true });
      await storage.close();
      const again = await fixture.reopen();
      extra.push(again);
      await expect(again.read('k')).resolves.toEqual(written);
      await expect(again.write('k', { kept: false }, written?.eTag)).resolves.toMatchObject({ value: { kept: false } });
    });
  });
}
