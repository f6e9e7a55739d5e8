import { createInterface } from 'node:readline';
import { z } from 'zod';
import { recognize, warmUp } from '../nlu/recognize';
import { EXIT, resolveToday, runMain } from './cli-support';
import { parseArgs, take } from './parse-args';

const inputLine = z.object({ text: z.string(), locale: z.enum(['it', 'en']).optional() });

// npm run -s nlu: JSON Lines in, one JSON line out per input line (interfaces.md).
async function main(): Promise<number> {
  const { flags } = parseArgs(process.argv.slice(2));
  take(flags, 'data');
  const today = resolveToday(take(flags, 'today'));
  warmUp();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    const parsed = inputLine.safeParse(safeJson(line));
    if (!parsed.success) {
      // One answer line per input all the same, so callers can zip inputs and outputs.
      process.stderr.write(`line ${lineNo}: expected {"text": "...", "locale"?: "it"|"en"}\n`);
      process.stdout.write(`${JSON.stringify({ text: line, locale: 'en', intent: 'none', entities: {} })}\n`);
      continue;
    }
    const result = recognize(parsed.data.text, { locale: parsed.data.locale, today });
    if (result.problem) process.stderr.write(`line ${lineNo}: ${result.problem.message}\n`);
    // The fields of interfaces.md, nothing else. An explicit locale is the caller's word; detection
    // applies only when it is absent.
    const out = { text: result.text, locale: parsed.data.locale ?? result.locale, intent: result.intent, entities: result.entities };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return EXIT.ok;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

runMain(main);
