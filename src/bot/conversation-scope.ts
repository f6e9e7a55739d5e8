import type { KeyValueStorage } from '../storage/storage';

/** The workspace scope a user chose in one conversation ("passa all'area Finance"), kept in our Storage. */
export class ConversationScopes {
  constructor(private readonly storage: KeyValueStorage) {}

  private key(conversationId: string, userId: string): string {
    return `scope/${encodeURIComponent(conversationId)}/${encodeURIComponent(userId)}`;
  }

  async get(conversationId: string, userId: string): Promise<string | undefined> {
    const item = await this.storage.read<{ workspace: string }>(this.key(conversationId, userId));
    return item?.value.workspace;
  }

  async set(conversationId: string, userId: string, workspace: string): Promise<void> {
    await this.storage.write(this.key(conversationId, userId), { workspace });
  }
}
