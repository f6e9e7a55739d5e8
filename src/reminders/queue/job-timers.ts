// Timers and a FIFO for the embedded queue's in-memory schedule.

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface Timer {
  cancel(): void;
}

/**
 * Calls `fire` once Date.now() has reached `at`, however far ahead (a reminder weeks away).
 * setTimeout counts from the event loop's cached time and can fire a millisecond or more early by
 * the wall clock; "at least its delay" is checked, and the timer re-armed for what is left.
 */
export function fireAt(at: number, fire: () => void): Timer {
  let handle: NodeJS.Timeout | undefined;
  // never fires synchronously: the caller has stored the timer before it can fire
  const wait = (): void => {
    handle = setTimeout(check, Math.min(Math.max(0, at - Date.now()), MAX_TIMEOUT_MS));
  };
  const check = (): void => {
    if (Date.now() < at) return wait();
    handle = undefined;
    fire();
  };
  wait();
  return {
    cancel: () => {
      if (handle) clearTimeout(handle);
      handle = undefined;
    },
  };
}

/** A queue of ids with O(1) shift, and putting ids back at the front (jobs a busy conversation held back). */
export class Fifo {
  private items: string[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(id: string): void {
    this.items.push(id);
  }

  peek(): string | undefined {
    return this.items[this.head];
  }

  shift(): string | undefined {
    const id = this.items[this.head];
    if (id === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return id;
  }

  /** Puts `ids` back at the front, in their order. */
  unshiftAll(ids: readonly string[]): void {
    if (ids.length <= this.head) {
      this.head -= ids.length;
      ids.forEach((id, i) => (this.items[this.head + i] = id));
    } else {
      this.items = [...ids, ...this.items.slice(this.head)];
      this.head = 0;
    }
  }
}
