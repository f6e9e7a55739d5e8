import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VERBS } from '../cards/verbs';
import { recordBench, ROOT, round } from './bench-results';
import { BENCH_ORGANIZATION, ensureBenchOrganization } from './bench-organization';
import { startTurnsConnector, type TurnsConnector } from './bench-turns-connector';
import { runLoad, type Asker } from './bench-turns-load';
import { placeOnCpus } from './bench-cpus';
import { startBotProcess, startNodeFlags, type BotProcess } from './bench-turns-process';
import { summarize, type Measured } from './bench-turns-summary';
import { EXIT, runMain } from './cli-support';
import { parseArgs } from './parse-args';

// npm run bench:turns [-- --concurrency 16 --duration 15 --warm-up 5 --rounds 3 --storage file|memory --shared-cpus --profile --bot-root DIR]
// Turns through POST /api/messages: the bot (npm start's entry point, in a child process) answering
// "summary" to a customer admin of the benchmark organization, against a bare botbuilder echo bot
// (echo-bot.ts, another child process) under the same load generator, concurrency and stand-in
// connector, in the same run. The two are measured in alternating rounds (bot, echo, bot, echo…)
// and each side's median is taken, so that a neighbour loading the machine for a while weighs on
// both. Also the bot's cold start: spawn → first 200 of /readyz with the benchmark organization.
// Target: the bot's turns per second ≥ 0.8 × the echo bot's. The per-user turn limit is off
// (USER_TURNS_PER_MINUTE=0): every virtual user is the same admin, and the limit is not what is measured.
// The bots run alone on CPU 0 and the load generator on the others (bench-cpus.ts); --shared-cpus
// lets everything share every CPU, as on a one-CPU machine or one without taskset.
// --profile writes the bot's CPU profile to tmp/bench-turns/profile; --bot-root runs the bot of another
// checkout (a copy with a change to try, its node_modules linked) against the same echo bot.

const TODAY = '2026-11-22';
const TARGET_RATIO = 0.8;
const LOGS = path.join(ROOT, 'tmp', 'bench-turns');
/** Warm-up of the rounds after the first (the JIT is warm by then; only the connections are new). */
const LATER_WARM_UP_MS = 2000;

interface Settings {
  concurrency: number;
  durationMs: number;
  warmUpMs: number;
  rounds: number;
  storage: 'file' | 'memory';
  profile: boolean;
  sharedCpus: boolean;
  botRoot: string;
}

function settings(argv: readonly string[]): Settings {
  const { flags, switches } = parseArgs(argv, ['profile', 'shared-cpus']);
  const whole = (name: string, fallback: number): number => {
    const value = flags[name];
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} expects a whole number ≥ 1, got "${value}"`);
    return Number(value);
  };
  const storage = flags.storage ?? 'file';
  if (storage !== 'file' && storage !== 'memory') throw new Error(`--storage expects file or memory, got "${storage}"`);
  return {
    concurrency: whole('concurrency', 16),
    durationMs: whole('duration', 15) * 1000,
    warmUpMs: whole('warm-up', 5) * 1000,
    rounds: whole('rounds', 3),
    storage,
    profile: switches.has('profile'),
    sharedCpus: switches.has('shared-cpus'),
    botRoot: path.resolve(flags['bot-root'] ?? ROOT),
  };
}

/** The first customer admin of the benchmark organization, as Teams names them. */
function benchAdmin(dataDir: string): Asker {
  const organization = JSON.parse(readFileSync(path.join(dataDir, 'organization.json'), 'utf8')) as { tenantId: string };
  const users = JSON.parse(readFileSync(path.join(dataDir, 'users.json'), 'utf8')) as { customerAdmin?: boolean; aadObjectId?: string; displayName: string }[];
  const admin = users.find((u) => u.customerAdmin && u.aadObjectId);
  if (!admin?.aadObjectId) throw new Error('the benchmark organization has no customer admin with an aadObjectId');
  return { aadObjectId: admin.aadObjectId, name: admin.displayName, tenantId: organization.tenantId };
}

interface Reply {
  text?: string;
  attachments?: { contentType?: string; content?: { refresh?: { action?: { verb?: string } } } }[];
}

const isSummaryCard = (reply: unknown): boolean => {
  const card = (reply as Reply).attachments?.[0];
  return card?.contentType === 'application/vnd.microsoft.card.adaptive' && card.content?.refresh?.action?.verb === VERBS.summary;
};

const isEcho = (reply: unknown): boolean => (reply as Reply).text === 'summary';

/** One round of load against a started bot, with the bot's CPU time over the measured window. */
async function measure(bot: BotProcess, connector: TurnsConnector, asker: Asker, s: Settings, warmUpMs: number, expected: (r: unknown) => boolean): Promise<Measured> {
  let cpuStart: number | undefined;
  let cpuEnd: number | undefined;
  const result = await runLoad({
    botUrl: bot.url,
    connector,
    asker,
    text: 'summary',
    concurrency: s.concurrency,
    warmUpMs,
    durationMs: s.durationMs,
    isExpectedReply: expected,
    onWindow: (edge) => {
      if (edge === 'start') cpuStart = bot.cpuMs();
      else cpuEnd = bot.cpuMs();
    },
  });
  const cpu = cpuStart !== undefined && cpuEnd !== undefined && result.turns > 0 ? round((cpuEnd - cpuStart) / result.turns, 3) : undefined;
  return { ...result, ...(cpu !== undefined ? { botCpuMsPerTurn: cpu } : {}) };
}

async function main(): Promise<number> {
  const s = settings(process.argv.slice(2));
  const dataDir = await ensureBenchOrganization();
  const asker = benchAdmin(dataDir);
  const cpus = s.sharedCpus ? undefined : placeOnCpus();
  const placement = cpus ? `bots on CPU ${cpus.bots}, load generator on CPU ${cpus.load}` : 'all sharing every CPU';
  const onBotCpus = cpus ? { cpus: cpus.bots } : {};
  process.stderr.write(`placement: ${placement}\n`);
  mkdirSync(LOGS, { recursive: true });
  for (const old of ['bot.log', 'echo.log', ...(s.profile ? ['profile'] : [])]) rmSync(path.join(LOGS, old), { recursive: true, force: true });
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-turns-'));
  const connector = await startTurnsConnector();
  const started: BotProcess[] = [];
  try {
    process.stderr.write(`bot: starting on the benchmark organization (storage ${s.storage})…\n`);
    const bot = await startBotProcess({
      script: path.join(s.botRoot, 'src', 'server', 'main.ts'),
      cwd: work,
      logFile: path.join(LOGS, 'bot.log'),
      ...onBotCpus,
      nodeArgs: [...startNodeFlags(s.botRoot), ...(s.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(LOGS, 'profile')}`] : [])],
      env: {
        DATA_DIR: dataDir,
        TODAY,
        STORAGE: s.storage,
        STATE_DIR: path.join(work, 'state'),
        USER_TURNS_PER_MINUTE: '0',
        LOG_LEVEL: 'info',
        MicrosoftAppId: '',
      },
    });
    started.push(bot);
    process.stderr.write(`bot: ready in ${Math.round(bot.coldStartMs)} ms; echo bot: starting…\n`);
    const echo = await startBotProcess({ script: path.join(ROOT, 'src', 'cli', 'echo-bot.ts'), cwd: work, logFile: path.join(LOGS, 'echo.log'), env: {}, ...onBotCpus });
    started.push(echo);

    const botRounds: Measured[] = [];
    const echoRounds: Measured[] = [];
    for (let i = 0; i < s.rounds; i++) {
      const warmUpMs = i === 0 ? s.warmUpMs : Math.min(s.warmUpMs, LATER_WARM_UP_MS);
      process.stderr.write(`round ${i + 1}/${s.rounds}: ${s.concurrency} virtual users, ${warmUpMs / 1000} s warm-up, ${s.durationMs / 1000} s measured, bot then echo bot…\n`);
      botRounds.push(await measure(bot, connector, asker, s, warmUpMs, isSummaryCard));
      echoRounds.push(await measure(echo, connector, asker, s, warmUpMs, isEcho));
    }

    const peakRssMiB = { bot: bot.peakRssMiB(), echo: echo.peakRssMiB() };
    const summary = summarize(botRounds, echoRounds, TARGET_RATIO);
    const strayReplies = connector.unread();
    const pass = { ratio: summary.ratio >= TARGET_RATIO, noFailedTurns: summary.failedTurns === 0, noStrayReplies: strayReplies === 0 };
    // a profiled bot or another checkout's is an experiment: bench/results.json keeps the real run
    const experiment = s.profile || s.botRoot !== ROOT;
    if (!experiment) recordBench('turns', {
      organization: BENCH_ORGANIZATION,
      question: 'summary',
      user: 'customer admin, personal chat, one conversation per virtual user',
      settings: {
        concurrency: s.concurrency,
        warmUpMs: s.warmUpMs,
        durationMs: s.durationMs,
        rounds: s.rounds,
        placement,
        storage: s.storage,
        userTurnsPerMinute: 'off',
        logLevel: 'info',
        authentication: 'none (empty MicrosoftAppId), both bots',
      },
      loadAverage: os.loadavg().map((l) => round(l, 2)),
      targets: { ratio: TARGET_RATIO },
      coldStart: { readyMs: Math.round(bot.coldStartMs), listeningMs: Math.round(bot.listeningMs), echoReadyMs: Math.round(echo.coldStartMs) },
      bot: summary.bot,
      echo: summary.echo,
      ratio: summary.ratio,
      cpuRatio: summary.cpuRatio,
      peakRssMiB,
      strayReplies,
      pass,
    });

    process.stdout.write(
      [
        `cold start (spawn → /readyz 200): bot ${Math.round(bot.coldStartMs)} ms (listening after ${Math.round(bot.listeningMs)} ms), echo bot ${Math.round(echo.coldStartMs)} ms`,
        ...summary.lines,
        `peak RSS: bot ${peakRssMiB.bot ?? '?'} MiB, echo bot ${peakRssMiB.echo ?? '?'} MiB`,
        Object.values(pass).every(Boolean) ? 'all targets met' : '',
        experiment ? `not recorded in bench/results.json (${s.profile ? '--profile' : `--bot-root ${s.botRoot}`})` : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
    if (Object.values(pass).every(Boolean)) return EXIT.ok;
    const why = [
      pass.ratio ? '' : `the bot's throughput is ${summary.ratio.toFixed(3)} × the echo bot's, below ${TARGET_RATIO} (where the time goes: npm run bench:turns -- --profile, profile in tmp/bench-turns/profile)`,
      pass.noFailedTurns ? '' : `${summary.failedTurns} turns failed (logs in tmp/bench-turns)`,
      pass.noStrayReplies ? '' : `${strayReplies} replies arrived that no turn accounted for`,
    ];
    process.stderr.write(`bench:turns FAILED: ${why.filter(Boolean).join('; ')}\n`);
    return EXIT.bug;
  } finally {
    for (const child of started) await child.stop();
    await connector.close();
    rmSync(work, { recursive: true, force: true });
  }
}

runMain(main);
