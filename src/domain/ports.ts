// What the pure core needs from the outside world, as types only: the edges pass these in.

export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Today's date as ISO `YYYY-MM-DD`: pinned by TODAY / --today, else the real date. */
export type TodayProvider = () => string;
