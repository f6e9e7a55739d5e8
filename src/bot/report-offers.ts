import { randomUUID } from 'node:crypto';
import type { ExportRequest } from '../reports/report-export';
import type { KeyValueStorage } from '../storage/storage';
import { updateStored } from '../storage/update-stored';

// A report offered in chat, kept on the server until its file consent card is answered. The card
// carries only the offer's id: who asked, which report, scope, period and format are read from
// here, never from the invoke. That needs no signing key shared by every instance, and the state
// says whether the offer was already answered (a second Allow, a replay), which a signed context
// alone could not.

/** How long a consent card may be answered; after that nothing is uploaded. */
export const OFFER_LIFETIME_MS = 60 * 60 * 1000;

/**
 * How long an offer is kept at all: a day after it was made, a click on its card still gets the
 * precise answer (expired, already sent); later, "out of date". Then it is deleted.
 */
export const OFFER_RETENTION_MS = 24 * 60 * 60 * 1000;

export type OfferStatus = 'offered' | 'uploading' | 'sent' | 'declined' | 'expired' | 'refused' | 'failed';

export interface ReportOffer {
  id: string;
  /** The asker: the only one whose Allow counts. */
  userId: string;
  /** Resolved when offered: the scope's id (or `all`), the period, the format and the language. */
  request: ExportRequest & { workspace: string };
  fileName: string;
  /** ISO date-times. */
  createdAt: string;
  status: OfferStatus;
  settledAt?: string;
}

const offerKey = (id: string): string => `reports/offer/${id}`;
/** The offers one user has made and that are kept still: the storage has no listing, so this says what to delete. */
const userOffersKey = (userId: string): string => `reports/offers-of/${encodeURIComponent(userId)}`;

interface UserOffers {
  offers: { id: string; createdAt: string }[];
}

const OFFER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ReportOffers {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly newId: () => string = randomUUID,
  ) {}

  /**
   * Stores a new offer, and deletes that user's offers older than OFFER_RETENTION_MS. The list is
   * written before the offer and shortened after the old ones are gone, so a crash in between
   * leaves an id listed (deleted again next time), never an offer unlisted.
   */
  async create(offer: Omit<ReportOffer, 'id' | 'status'>): Promise<ReportOffer> {
    const created: ReportOffer = { ...offer, id: this.newId(), status: 'offered' };
    const listKey = userOffersKey(created.userId);
    const keepFrom = Date.parse(created.createdAt) - OFFER_RETENTION_MS;
    const listed = (await this.storage.read<UserOffers>(listKey))?.value.offers ?? [];
    // written as `not kept` so that an unreadable date (NaN) counts as old
    const old = new Set(listed.filter((o) => !(Date.parse(o.createdAt) >= keepFrom)).map((o) => o.id));
    for (const id of old) await this.storage.delete(offerKey(id));
    await updateStored<UserOffers>(this.storage, listKey, (current) => ({
      offers: [...(current?.offers ?? []).filter((o) => !old.has(o.id)), { id: created.id, createdAt: created.createdAt }],
    }));
    await this.storage.write(offerKey(created.id), created, null);
    return created;
  }

  /** The offer an id names; anything that is not one of our ids names none (and is never a storage key). */
  async read(id: unknown): Promise<ReportOffer | undefined> {
    if (typeof id !== 'string' || !OFFER_ID.test(id)) return undefined;
    return (await this.storage.read<ReportOffer>(offerKey(id)))?.value;
  }

  /**
   * Moves an offer from `from` to `to` by compare-and-set: of two answers arriving together (two
   * clicks, two instances) one moves it, the other gets undefined and the offer as it is now.
   */
  async move(id: string, from: OfferStatus, to: OfferStatus, at: string): Promise<{ moved: boolean; offer: ReportOffer | undefined }> {
    let moved = false;
    const offer = await updateStored<ReportOffer>(this.storage, offerKey(id), (current) => {
      moved = current?.status === from;
      return moved && current ? { ...current, status: to, settledAt: at } : undefined;
    });
    return { moved, offer };
  }
}
