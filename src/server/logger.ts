import pino from 'pino';

export type ServerLogger = pino.Logger;

export interface LoggerOptions {
  level: string;
  /** File descriptor (1: stdout for the server, 2: stderr for CLIs) or a stream (tests). */
  destination?: 1 | 2 | pino.DestinationStream;
}

export function createLogger({ level, destination = 1 }: LoggerOptions): ServerLogger {
  // synchronous writes: the last lines before process.exit (shutdown, fatal start-up) are not lost
  const stream = typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination;
  return pino(
    {
      name: 'activity-bot',
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: ['req.headers.authorization', '*.headers.authorization', '*.MicrosoftAppPassword', '*.appPassword'],
    },
    stream,
  );
}
