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
const OFFER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ReportOffers {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly newId: () => string = randomUUID,
  ) {}

  async create(offer: Omit<ReportOffer, 'id' | 'status'>): Promise<ReportOffer> {
    const created: ReportOffer = { ...offer, id: this.newId(), status: 'offered' };
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
