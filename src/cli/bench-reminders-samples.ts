import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { round } from './bench-results';

// What the reminders bench watches while the bot works: memory and progress every few seconds,
// and the event loop's delays (a stall bunches sends together, which a connector counting per
// second answers with 429s).
//
// The periodic samples are taken as they are: a forced full collection holds the event loop for
// 100–500 ms with this heap, often enough to disturb the rate being measured. The retained heap
// (after a full collection) is taken three times only: before the server starts, once half of the
// reminders are delivered, and at the end.

const MiB = 2 ** 20;

export interface Sample {
  /** Seconds since the server was started. */
  s: number;
  delivered: number;
  refused429: number;
  rssMiB: number;
  heapMiB: number;
  /** The longest event-loop delay since the previous sample. */
  loopMaxMs: number;
}

/** One line per sample in bench/results.json. */
export const describeSample = (x: Sample): string =>
  `${x.s} s: ${x.delivered} delivered, ${x.refused429} refused (429), RSS ${x.rssMiB} MiB, heap ${x.heapMiB} MiB, longest stall ${x.loopMaxMs} ms`;

export interface RetainedHeap {
  s: number;
  heapMiB: number;
  rssMiB: number;
  /** How long the full collection took. */
  gcMs: number;
}

export interface Progress {
  delivered: number;
  refused429: number;
}

export class RunSamples {
  readonly samples: Sample[] = [];
  readonly retained: { start?: RetainedHeap; half?: RetainedHeap; end?: RetainedHeap } = {};
  private readonly started = performance.now();
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  private readonly loopSinceSample = monitorEventLoopDelay({ resolution: 10 });
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly progress: () => Progress,
    private readonly halfway: number,
  ) {
    this.retained.start = this.retain();
    this.loop.enable();
    this.loopSinceSample.enable();
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => this.take(), everyMs);
  }

  /** The last sample and the retained heap at the end; the event loop is no longer watched. */
  stop(): void {
    clearInterval(this.timer);
    this.take();
    this.loop.disable();
    this.loopSinceSample.disable();
    this.retained.end = this.retain();
  }

  get eventLoopDelayMs(): { p50: number; p99: number; max: number } {
    const ms = (ns: number): number => round(ns / 1e6, 1);
    return { p50: ms(this.loop.percentile(50)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) };
  }

  /**
   * Flat: the second half of the delivery retains no more than the first (within 5%). The first
   * half holds the daily scan, which writes each channel's state once; memory that grew with the
   * backlog of sends, or leaked per send, would show between the halfway point and the end.
   */
  get heapFlat(): boolean {
    const { half, end } = this.retained;
    return half !== undefined && end !== undefined && end.heapMiB <= half.heapMiB * 1.05;
  }

  private take(): void {
    const { rss, heapUsed } = process.memoryUsage();
    const progress = this.progress();
    this.samples.push({
      s: this.seconds(),
      ...progress,
      rssMiB: round(rss / MiB, 1),
      heapMiB: round(heapUsed / MiB, 1),
      loopMaxMs: round(this.loopSinceSample.max / 1e6, 1),
    });
    this.loopSinceSample.reset();
    if (!this.retained.half && progress.delivered >= this.halfway) this.retained.half = this.retain();
  }

  private retain(): RetainedHeap {
    const started = performance.now();
    global.gc?.();
    const gcMs = round(performance.now() - started, 1);
    const { rss, heapUsed } = process.memoryUsage();
    return { s: this.seconds(), heapMiB: round(heapUsed / MiB, 1), rssMiB: round(rss / MiB, 1), gcMs };
  }

  private seconds(): number {
    return round((performance.now() - this.started) / 1000, 1);
  }
}
