import type { ConversationReference } from 'botbuilder';
import type { KeyValueStorage } from '../storage/storage';

/**
 * Where to reach each user proactively: the reference of their personal chat with the bot, kept
 * from their last message (Teams gives no way to message someone who never talked to the bot
 * without installing it for them).
 */
export class ConversationRefs {
  constructor(private readonly storage: KeyValueStorage) {}

  private key(userId: string): string {
    return `refs/personal/${encodeURIComponent(userId)}`;
  }

  async remember(userId: string, reference: Partial<ConversationReference>): Promise<void> {
    const current = await this.storage.read<Partial<ConversationReference>>(this.key(userId));
    const same =
      current &&
      current.value.conversation?.id === reference.conversation?.id &&
      current.value.serviceUrl === reference.serviceUrl &&
      current.value.user?.id === reference.user?.id;
    if (same) return;
    await this.storage.write(this.key(userId), reference);
  }

  async of(userId: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.storage.read<Partial<ConversationReference>>(this.key(userId)))?.value;
  }
}
