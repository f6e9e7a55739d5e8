// Kept answers are handed to every later asker, so they are frozen, deeply; and since they can
// never change, their JSON text can be made once. A kept summary card is 10 KB that botbuilder's
// connector client would otherwise turn into JSON again on every reply.

/** Objects frozen by deepFreeze together with everything they hold. */
const deeplyFrozen = new WeakSet<object>();
/** The JSON of deeply frozen objects, as UTF-8 bytes, made the first time one is sent. */
const jsonBytes = new WeakMap<object, Buffer>();

/** Freezes `value` and all it holds; it is then known as deeply frozen. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (deeplyFrozen.has(value)) return value;
  // an object frozen elsewhere may hold parts that are not: it is never known as deeply frozen
  const vouched = !Object.isFrozen(value);
  Object.freeze(value);
  let all = vouched;
  for (const inner of Object.values(value as object) as unknown[]) {
    deepFreeze(inner);
    if (inner !== null && typeof inner === 'object' && !deeplyFrozen.has(inner)) all = false;
  }
  if (all) deeplyFrozen.add(value);
  return value;
}

/** What JSON.stringify writes in one go: not an object, or one with its own toJSON (a Date). */
const isLeaf = (value: unknown): value is null | string | number | boolean | undefined | { toJSON(): unknown } =>
  value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function';

/**
 * The UTF-8 bytes of JSON.stringify's text of plain data (what Bot Framework sends), the bytes of
 * each deeply frozen part made once and kept with it. Same text as JSON.stringify, key order included.
 */
export function toJsonBytes(value: unknown): Buffer | undefined {
  const out = new JsonChunks();
  if (!out.add(value)) return undefined;
  return out.bytes();
}

/** JSON text as it is made: the text written since the last kept part, and the parts. */
class JsonChunks {
  private readonly parts: Buffer[] = [];
  // built with +: the pieces stay linked (V8 ropes) until encoded once
  private text = '';

  /** Appends the JSON of `value`; false (nothing appended) where JSON.stringify leaves it out. */
  add(value: unknown): boolean {
    if (isLeaf(value)) {
      const text = JSON.stringify(value) as string | undefined;
      if (text !== undefined) this.text += text;
      return text !== undefined;
    }
    if (deeplyFrozen.has(value)) {
      let kept = jsonBytes.get(value);
      if (!kept) jsonBytes.set(value, (kept = Buffer.from(JSON.stringify(value))));
      this.flush();
      this.parts.push(kept);
    } else if (Array.isArray(value)) {
      this.text += '[';
      (value as unknown[]).forEach((item, i) => {
        if (i > 0) this.text += ',';
        if (!this.add(item)) this.text += 'null';
      });
      this.text += ']';
    } else {
      this.text += '{';
      let first = true;
      for (const [key, inner] of Object.entries(value)) {
        // a leaf may have no JSON (undefined, a function): its key is then left out too
        const leaf = isLeaf(inner) ? (JSON.stringify(inner) as string | undefined) : '';
        if (leaf === undefined) continue;
        this.text += `${first ? '' : ','}${JSON.stringify(key)}:${leaf}`;
        first = false;
        if (!leaf) this.add(inner);
      }
      this.text += '}';
    }
    return true;
  }

  bytes(): Buffer {
    this.flush();
    return this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
  }

  private flush(): void {
    if (!this.text) return;
    this.parts.push(Buffer.from(this.text));
    this.text = '';
  }
}
