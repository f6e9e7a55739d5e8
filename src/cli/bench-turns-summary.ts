import { round } from './bench-results';
import type { LoadResult } from './bench-turns-load';

// The rounds of bench:turns folded into one figure per bot (the median round) and the ratio.

export type Measured = LoadResult & { botCpuMsPerTurn?: number };

export interface Side {
  /** Median over the rounds. */
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  botCpuMsPerTurn?: number;
  failedTurns: number;
  /** Turns answered "working on it" first, the answer later in its place. */
  answeredLate: number;
  rounds: Measured[];
}

export interface TurnsSummary {
  bot: Side;
  echo: Side;
  /** bot turns/s ÷ echo turns/s, medians. */
  ratio: number;
  /** echo CPU per turn ÷ bot CPU per turn: the ratio the throughputs tend to once both are CPU-bound. */
  cpuRatio?: number;
  failedTurns: number;
  lines: string[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function side(rounds: Measured[]): Side {
  const cpu = rounds.flatMap((r) => (r.botCpuMsPerTurn !== undefined ? [r.botCpuMsPerTurn] : []));
  return {
    turnsPerSecond: round(median(rounds.map((r) => r.turnsPerSecond)), 1),
    p50Ms: round(median(rounds.map((r) => r.p50Ms)), 2),
    p99Ms: round(median(rounds.map((r) => r.p99Ms)), 2),
    ...(cpu.length === rounds.length ? { botCpuMsPerTurn: round(median(cpu), 3) } : {}),
    failedTurns: rounds.reduce((n, r) => n + r.failed, 0),
    answeredLate: rounds.reduce((n, r) => n + r.answeredLate, 0),
    rounds,
  };
}

const describe = (name: string, r: Measured | Side): string =>
  `${name.padEnd(12)} ${r.turnsPerSecond.toFixed(1).padStart(7)} turns/s  p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms` +
  (r.botCpuMsPerTurn !== undefined ? `  bot CPU ${r.botCpuMsPerTurn.toFixed(2)} ms/turn` : '') +
  ('turns' in r
    ? `  (${r.turns} turns, ${r.failed} failed${r.answeredLate ? `, ${r.answeredLate} answered late` : ''}, load generator CPU ${r.loadGeneratorCpuMsPerTurn} ms/turn)`
    : '');

export function summarize(botRounds: Measured[], echoRounds: Measured[], target: number): TurnsSummary {
  const bot = side(botRounds);
  const echo = side(echoRounds);
  const ratio = echo.turnsPerSecond > 0 ? round(bot.turnsPerSecond / echo.turnsPerSecond, 3) : 0;
  const cpuRatio = bot.botCpuMsPerTurn && echo.botCpuMsPerTurn ? round(echo.botCpuMsPerTurn / bot.botCpuMsPerTurn, 3) : undefined;
  const firstFailure = [...botRounds, ...echoRounds].find((r) => r.firstFailure)?.firstFailure;
  const lines = [
    ...botRounds.flatMap((b, i) => {
      const e = echoRounds[i];
      return [describe(`round ${i + 1} bot`, b), ...(e ? [describe(`round ${i + 1} echo`, e)] : [])];
    }),
    describe('bot (median)', bot),
    describe('echo (median)', echo),
    `ratio bot / echo: ${ratio.toFixed(3)} (target ≥ ${target})${cpuRatio !== undefined ? `; CPU per turn, echo / bot: ${cpuRatio.toFixed(3)}` : ''}`,
    ...(firstFailure ? [`first failed turn: ${firstFailure}`] : []),
  ];
  return { bot, echo, ratio, ...(cpuRatio !== undefined ? { cpuRatio } : {}), failedTurns: bot.failedTurns + echo.failedTurns, lines };
}
