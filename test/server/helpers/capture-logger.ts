import { createLogger, type ServerLogger } from '../../../src/server/logger';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger whose lines the test can read and wait for. */
export function captureLogger(level = 'debug'): {
  logger: ServerLogger;
  lines: LogLine[];
  waitFor(test: (line: LogLine) => boolean): Promise<LogLine>;
} {
  const lines: LogLine[] = [];
  let waiters: { test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  const logger = createLogger({
    level,
    destination: {
      write(chunk: string) {
        const line = JSON.parse(chunk) as LogLine;
        lines.push(line);
        const hit = waiters.filter((w) => w.test(line));
        waiters = waiters.filter((w) => !w.test(line));
        for (const w of hit) w.resolve(line);
      },
    },
  });
  return {
    logger,
    lines,
    waitFor(test) {
      const seen = lines.find(test);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}
