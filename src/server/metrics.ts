import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Prometheus metrics for GET /metrics (METRICS=on): turns, their latency and outcome, refusals,
// the reminders queue and its sends, the data's age. Values read from elsewhere are collected
// at scrape time, so nothing here runs between scrapes.

export interface MetricSources {
  /** Seconds since the data was loaded; undefined while loading. */
  dataAgeSeconds(): number | undefined;
  reminders(): { sent: number; throttled: number; retried: number; deactivated: number; possibleRepeats: number } | undefined;
  queueDepth(): Promise<{ waiting: number; delayed: number; active: number; dead: number } | undefined>;
}

export class BotMetrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'type' | 'status'>;
  private readonly latency: Histogram<'type'>;
  private readonly refusalCount: Counter;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'activity_bot_' });
    this.turns = new Counter({ name: 'activity_bot_turns_total', help: 'Turns by activity type and HTTP status', labelNames: ['type', 'status'], registers });
    this.latency = new Histogram({
      name: 'activity_bot_turn_seconds',
      help: 'Time to answer a turn',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers,
    });
    this.refusalCount = new Counter({ name: 'activity_bot_refusals_total', help: 'Answers that refused data for a missing role', registers });
    new Gauge({
      name: 'activity_bot_data_age_seconds',
      help: 'Seconds since the dataset was loaded',
      registers,
      collect() {
        const age = sources.dataAgeSeconds();
        if (age !== undefined) this.set(age);
      },
    });
    const reminderCounter = (name: string, help: string, pick: (s: NonNullable<ReturnType<MetricSources['reminders']>>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const stats = sources.reminders();
          if (stats) this.set(pick(stats));
        },
      });
    reminderCounter('activity_bot_reminders_sent_total', 'Reminder cards posted by this instance', (s) => s.sent);
    reminderCounter('activity_bot_reminders_throttled_total', 'HTTP 429 answers to reminder posts', (s) => s.throttled);
    reminderCounter('activity_bot_reminders_retried_total', 'Reminder posts retried after 412/5xx', (s) => s.retried);
    reminderCounter('activity_bot_reminders_deactivated_total', 'Subscriptions stopped (403/404, lost access)', (s) => s.deactivated);
    reminderCounter('activity_bot_reminders_possible_repeats_total', 'Sends cut by a crash and started again', (s) => s.possibleRepeats);
    new Gauge({
      name: 'activity_bot_reminders_queue_depth',
      help: 'Reminder jobs by state',
      labelNames: ['state'],
      registers,
      async collect() {
        const depth = await sources.queueDepth();
        if (!depth) return;
        for (const [state, n] of Object.entries(depth)) this.set({ state }, n);
      },
    });
  }

  /** One turn answered: its activity type, HTTP status and duration. */
  turn(type: string, status: number, seconds: number): void {
    const kind = type.length <= 40 ? type : 'other';
    this.turns.inc({ type: kind, status: String(status) });
    this.latency.observe({ type: kind }, seconds);
  }

  refusal(): void {
    this.refusalCount.inc();
  }
}
