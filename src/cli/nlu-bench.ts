import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, recordBench, ROOT, round } from './bench-results';
import { EXIT, runMain } from './cli-support';
import { answerLineSchema } from '../nlu/result-schema';

// npm run bench:nlu — start-up time, latency per utterance (p50/p99) on the labelled sets, and
// 10,000 random and hostile inputs through the recognizer and through the `nlu` command (one valid
// answer line each, nothing else on stdout). Records its entry "nlu" in bench/results.json; exits 1 if a
// target is missed.

const TODAY = '2026-11-22';
const TARGETS = { startupMs: 2000, p99Ms: 5 };
const HOSTILE_COUNT = 10_000;
const ROUNDS = 20;

/** mulberry32: a seeded generator, so every run feeds the same inputs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SAMPLES = [
  '', ' ', '\t\n', '?', '??', '\u0000\u0001\u0002\u001b[31m', '\u202eevil\u202c', '\u200b\u200d\ufeff', '\ud800', '\udfff\ud800',
  '👍', '🏳️‍🌈👩‍👩‍👧‍👦🇮🇹', 'Z̷̢̛a̵l̴g̶o̷ t̸e̵x̶t̷', 'مرحبا كيف حالك', 'שלום עולם', '你好，我的工作区是什么？', 'こんにちは', 'Привет, как дела?',
  'Γειά σου', 'नमस्ते', 'Wie viele Credits haben wir noch?', 'Combien de crédits reste-t-il ?', '¿Cuántos créditos quedan?',
  '<script>alert(1)</script>', '<at>Bot</at><at>', '<b>expiring</b> 60d', '&lt;at&gt;x&lt;/at&gt;', '{"text":"help"}', '[1,2,{"a":null}]',
  "'; DROP TABLE users;--", '1 OR 1=1', 'SELECT * FROM contracts WHERE id = 4100-22', '../../etc/passwd', '${process.exit(1)}',
  'a@b', '@@@@', 'x@y.com'.repeat(50), 'contratto contratto contratto 4100-22 4100-22', '1/1/1/1/1/1/1/1', 'q1 q2 q3 q4 h1 h2',
  '99999999999999999999 days', '-5 giorni', '0 days before expiry', 'P999999999D', 'expiring', 'grant', 'history since', 'remaining ???',
];
const WORDS = [
  'crediti', 'proattivi', 'workshop', 'expiring', 'scadenze', 'contratto', '4100-22', 'dal', 'al', 'since', 'March', 'ottobre',
  'novanta', 'giorni', 'days', 'x@y.com', 'ruolo', 'grant', 'revoke', 'Finance', 'area', 'all', 'tutte', 'e', 'and', ',', '?',
  'Q3', 'last', 'month', 'mese', 'scorso', '60gg', '2w', 'un', 'anno', 'pacchetto', 'Security', 'Essentials', 'open', 'chiusi',
];

function hostileInputs(count: number): string[] {
  const next = random(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const inputs: string[] = [...SAMPLES];
  while (inputs.length < count) {
    const kind = Math.floor(next() * 6);
    if (kind === 0) inputs.push(Array.from({ length: 1 + Math.floor(next() * 30) }, () => pick(WORDS)).join(' '));
    else if (kind === 1) inputs.push(Array.from({ length: 1 + Math.floor(next() * 40) }, () => String.fromCodePoint(Math.floor(next() * 0x2ffff))).join(''));
    else if (kind === 2) inputs.push(pick(SAMPLES).repeat(1 + Math.floor(next() * 200)));
    else if (kind === 3) inputs.push(pick(WORDS).repeat(Math.floor(10_240 / 8)).slice(0, 10_240));
    else if (kind === 4) inputs.push(`${pick(SAMPLES)} ${pick(WORDS)} ${pick(SAMPLES)} ${pick(WORDS)}`);
    else inputs.push(Array.from({ length: 1 + Math.floor(next() * 80) }, () => String.fromCharCode(Math.floor(next() * 0x80))).join(''));
  }
  return inputs.slice(0, count);
}

interface Latency {
  calls: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The same on CPU time: what the recognizer costs, without the waits of a busy machine. */
  cpuP50Ms: number;
  cpuP99Ms: number;
}

function latencies(run: (text: string) => unknown, texts: readonly string[], rounds: number): Latency {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const text of texts) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      run(text);
      wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return {
    calls: wall.length,
    p50Ms: round(percentile(wall, 50)),
    p90Ms: round(percentile(wall, 90)),
    p99Ms: round(percentile(wall, 99)),
    maxMs: round(Math.max(...wall)),
    cpuP50Ms: round(percentile(cpu, 50)),
    cpuP99Ms: round(percentile(cpu, 99)),
  };
}

function labelledTexts(): string[] {
  const dir = path.join(ROOT, 'test', 'nlu', 'fixtures');
  return ['dev.jsonl', 'unseen.jsonl', 'unseen-2.jsonl', 'unseen-3.jsonl'].flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
}

/** The hostile inputs through the real command: one valid answer line per input line, nothing else. */
function throughCommand(inputs: readonly string[]): { lines: number; validLines: number; otherStdoutLines: number; exitCode: number | null } {
  const stdin = inputs.map((text) => JSON.stringify({ text })).join('\n');
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/nlu.ts', '--today', TODAY], {
    cwd: ROOT,
    input: stdin,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  const valid = lines.filter((line) => {
    try {
      return answerLineSchema.safeParse(JSON.parse(line)).success;
    } catch {
      return false;
    }
  }).length;
  return { lines: lines.length, validLines: valid, otherStdoutLines: lines.length - valid, exitCode: run.status };
}

async function main(): Promise<number> {
  // Start-up: loading the recognizer's modules and model, and warming the date parser. The whole
  // process (node, tsx compiling TypeScript, the bench itself) is reported beside it.
  const started = performance.now();
  const { recognize, understand, warmUp } = await import('../nlu/recognize.js');
  warmUp();
  const startupMs = Math.round(performance.now() - started);
  const processReadyMs = Math.round(performance.now());

  const labelled = labelledTexts();
  const utterances = latencies((text) => recognize(text, { today: TODAY }), labelled, ROUNDS);

  const hostile = hostileInputs(HOSTILE_COUNT);
  let crashes = 0;
  let invalid = 0;
  const hostileLatency = latencies(
    (text) => {
      try {
        const result = understand(text, { today: TODAY });
        const line = { text: result.text, locale: result.locale, intent: result.intent, entities: result.entities };
        if (!answerLineSchema.safeParse(line).success) invalid += 1;
      } catch {
        crashes += 1;
      }
    },
    hostile,
    1,
  );
  const command = throughCommand(hostile);

  const pass = {
    startup: startupMs <= TARGETS.startupMs,
    p99: utterances.p99Ms <= TARGETS.p99Ms && hostileLatency.p99Ms <= TARGETS.p99Ms,
    hostile: crashes === 0 && invalid === 0 && command.validLines === hostile.length && command.otherStdoutLines === 0 && command.exitCode === 0,
  };
  const results = {
    // a busy machine (other processes) shows in the wall-clock percentiles, not in the CPU ones
    loadAverage: os.loadavg().map((l) => round(l, 2)),
    targets: TARGETS,
    startupMs,
    processReadyMs,
    utterances: { texts: labelled.length, rounds: ROUNDS, ...utterances },
    hostile: { inputs: hostile.length, crashes, invalidAnswers: invalid, ...hostileLatency, command },
    pass,
  };
  recordBench('nlu', results);
  process.stdout.write(
    `start-up ${startupMs} ms; utterances p50 ${utterances.p50Ms} ms, p99 ${utterances.p99Ms} ms (cpu p99 ${utterances.cpuP99Ms} ms); ` +
      `hostile p99 ${hostileLatency.p99Ms} ms, crashes ${crashes}, invalid ${invalid}, command ${command.validLines}/${hostile.length} valid lines\n` +
      `recorded as "nlu" in bench/results.json — ${Object.values(pass).every(Boolean) ? 'all targets met' : `missed: ${Object.entries(pass).filter(([, ok]) => !ok).map(([k]) => k).join(', ')}`}\n`,
  );
  return Object.values(pass).every(Boolean) ? EXIT.ok : EXIT.bug;
}

runMain(main);
