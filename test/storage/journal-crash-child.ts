// Run by journal-storage.test.ts and killed with SIGKILL at a random moment:
//   journal-crash-child.ts <dir> <compactAfterBytes>
// Four workers loop: take the next number by compare-and-set on "counter", write "item:<n>", then
// print "acked <n>". A line printed means both writes were acknowledged, so both must survive.
import { JournalStorage } from '../../src/storage/journal-storage';

interface Counter {
  n: number;
}

const [dir, compactAfterBytes] = process.argv.slice(2);
if (!dir || !compactAfterBytes) throw new Error('usage: journal-crash-child.ts <dir> <compactAfterBytes>');
const storage = new JournalStorage(dir, { compactAfterBytes: Number(compactAfterBytes) });

async function nextNumber(): Promise<number> {
  for (;;) {
    const current = await storage.read<Counter>('counter');
    const n = (current?.value.n ?? 0) + 1;
    if (await storage.write('counter', { n }, current ? current.eTag : null)) return n;
  }
}

async function worker(): Promise<never> {
  for (;;) {
    const n = await nextNumber();
    await storage.write(`item:${n}`, { n, padding: 'x'.repeat(100) });
    process.stdout.write(`acked ${n}\n`);
  }
}

Promise.all(Array.from({ length: 4 }, worker)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
