import type { Entities, Intent } from '../nlu/nlu-result';
import type { KeyValueStorage } from '../storage/storage';
import { isStorageUnavailable } from '../storage/stored-value';
import { updateStored } from '../storage/update-stored';

/** What the bot remembers of one user in one conversation. */
export interface ConversationState {
  /** The workspace scope they chose ("passa all'area Finance"): a workspace id or `all`. */
  scope?: string;
  /** Their last question, so that "e per i workshop?" can re-ask it with a new category. */
  last?: { intent: Intent; entities: Entities };
}

/** Per user and conversation, in our Storage: survives restarts, shared by instances on one backend. */
export class ConversationMemory {
  constructor(private readonly storage: KeyValueStorage) {}

  private key(conversationId: string, userId: string): string {
    return `conversation/${encodeURIComponent(conversationId)}/${encodeURIComponent(userId)}`;
  }

  /** The remembered state; none while the storage cannot be reached (the question still gets its answer). */
  async read(conversationId: string, userId: string): Promise<ConversationState> {
    try {
      return (await this.storage.read<ConversationState>(this.key(conversationId, userId)))?.value ?? {};
    } catch (e) {
      if (isStorageUnavailable(e)) return {};
      throw e;
    }
  }

  /** Merges `patch` into the stored state; retried on a concurrent write so that neither is lost. */
  async update(conversationId: string, userId: string, patch: Partial<ConversationState>): Promise<void> {
    // the same question asked again changes nothing: no write (a write per turn is most of a turn's I/O)
    const unchanged = (state: ConversationState): boolean =>
      Object.entries(patch).every(([field, value]) => JSON.stringify(state[field as keyof ConversationState]) === JSON.stringify(value));
    await updateStored<ConversationState>(
      this.storage,
      this.key(conversationId, userId),
      (state) => (state && unchanged(state) ? undefined : { ...state, ...patch }),
      5,
    );
  }
}
