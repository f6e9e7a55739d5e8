import { MemoryStorage } from '../../src/storage/memory-storage';
import type { KeyValueStorage } from '../../src/storage/storage';
import { updateStored } from '../../src/storage/update-stored';

describe('updateStored', () => {
  it('loses no update of many made at once', async () => {
    const storage = new MemoryStorage();
    await Promise.all(Array.from({ length: 40 }, () => updateStored<number>(storage, 'n', (n = 0) => n + 1)));
    expect((await storage.read('n'))?.value).toBe(40);
  });

  it('leaves the item as it is when the change returns nothing', async () => {
    const storage = new MemoryStorage();
    const first = await storage.write('k', { v: 1 });
    expect(await updateStored<{ v: number }>(storage, 'k', () => undefined)).toEqual({ v: 1 });
    expect((await storage.read('k'))?.eTag).toBe(first?.eTag);
    expect(await updateStored(storage, 'absent', () => undefined)).toBeUndefined();
    expect(await storage.read('absent')).toBeUndefined();
  });

  it('gives up, naming the key, when every write loses', async () => {
    const memory = new MemoryStorage();
    const losing: KeyValueStorage = Object.assign(Object.create(memory) as KeyValueStorage, { write: () => Promise.resolve(undefined) });
    await expect(updateStored<number>(losing, 'busy', (n = 0) => n + 1, 3)).rejects.toThrow('busy: too many concurrent updates');
  });
});
