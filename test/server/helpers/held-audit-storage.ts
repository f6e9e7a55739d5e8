import { MemoryStorage } from '../../../src/storage/memory-storage';
import type { StoredItem } from '../../../src/storage/storage';

/** Memory storage whose audit reads wait until `release()`: the audit command becomes a slow turn. */
export class HeldAuditStorage extends MemoryStorage {
  private released!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.released = resolve));

  release(): void {
    this.released();
  }

  override async read<T>(key: string): Promise<StoredItem<T> | undefined> {
    if (key.startsWith('audit/')) await this.gate;
    return super.read<T>(key);
  }
}
