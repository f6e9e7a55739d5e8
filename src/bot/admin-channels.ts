import type { ConversationReference } from 'botbuilder';
import type { KeyValueStorage } from '../storage/storage';

/** A workspace's admin channel: where its role requests are posted too, chosen by one of its admins. */
export interface AdminChannel {
  reference: Partial<ConversationReference>;
  setBy: string;
  setAt: string;
}

export class AdminChannels {
  constructor(private readonly storage: KeyValueStorage) {}

  private key(workspaceId: string): string {
    return `approvals/admin-channel/${encodeURIComponent(workspaceId)}`;
  }

  async set(workspaceId: string, channel: AdminChannel): Promise<void> {
    await this.storage.write(this.key(workspaceId), channel);
  }

  async of(workspaceId: string): Promise<AdminChannel | undefined> {
    return (await this.storage.read<AdminChannel>(this.key(workspaceId)))?.value;
  }
}
