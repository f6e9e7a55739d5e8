import { OFFER_RETENTION_MS, ReportOffers, type ReportOffer } from '../../src/bot/report-offers';
import { MemoryStorage } from '../../src/storage/memory-storage';

// Offers are kept for a day after they are made, then deleted when their user asks for another
// report: the storage holds what can still be answered precisely, not every offer ever made.

/** Memory storage that knows which keys hold something. */
class KeyedStorage extends MemoryStorage {
  readonly keys = new Set<string>();
  override async write<T>(key: string, value: T, expectedETag?: string | null) {
    const written = await super.write(key, value, expectedETag);
    if (written) this.keys.add(key);
    return written;
  }
  override async delete(key: string) {
    await super.delete(key);
    this.keys.delete(key);
  }
}

const T0 = Date.parse('2026-11-22T09:00:00Z');
const HOUR = 60 * 60 * 1000;

function offerAt(userId: string, at: number): Omit<ReportOffer, 'id' | 'status'> {
  return {
    userId,
    request: { report: 'delivery', format: 'xlsx', locale: 'en', workspace: 'all' } as unknown as ReportOffer['request'],
    fileName: 'pod.xlsx',
    createdAt: new Date(at).toISOString(),
  };
}

describe('report offers kept in storage', () => {
  it("deletes a user's offers older than a day when they ask again, and keeps the rest", async () => {
    const storage = new KeyedStorage();
    let n = 0;
    const offers = new ReportOffers(storage, () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`);
    const first = await offers.create(offerAt('u-anna', T0));
    const second = await offers.create(offerAt('u-anna', T0 + 2 * HOUR));
    const marios = await offers.create(offerAt('u-mario', T0));
    await offers.move(first.id, 'offered', 'sent', new Date(T0 + HOUR / 2).toISOString());

    const third = await offers.create(offerAt('u-anna', T0 + OFFER_RETENTION_MS + HOUR));
    expect(await offers.read(first.id)).toBeUndefined();
    expect((await offers.read(second.id))?.status).toBe('offered');
    expect((await offers.read(third.id))?.status).toBe('offered');
    // another user's offers wait for that user's next request
    expect(await offers.read(marios.id)).toBeDefined();
    expect([...storage.keys].filter((k) => k.startsWith('reports/offer/')).sort()).toEqual(
      [second.id, third.id, marios.id].map((id) => `reports/offer/${id}`).sort(),
    );
  });

  it('keeps an offer made exactly a day before the new one', async () => {
    const offers = new ReportOffers(new MemoryStorage());
    const first = await offers.create(offerAt('u-anna', T0));
    await offers.create(offerAt('u-anna', T0 + OFFER_RETENTION_MS));
    expect(await offers.read(first.id)).toBeDefined();
  });

  it('bounds what one user leaves behind: a year of daily reports keeps one day of offers', async () => {
    const storage = new KeyedStorage();
    const offers = new ReportOffers(storage);
    for (let day = 0; day < 365; day += 1) await offers.create(offerAt('u-anna', T0 + day * 24 * HOUR + HOUR));
    expect([...storage.keys].filter((k) => k.startsWith('reports/offer/'))).toHaveLength(2);
  });
});
