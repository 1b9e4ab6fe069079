import { pino, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import pretty from 'pino-pretty';
import { REDACTED, REDACT_PATHS } from './redact.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Names the process in every line (`server`, `worker`). */
  service: string;
  /** pino level: `trace` … `fatal`, or `silent`. */
  level?: string;
  /** Human-readable colour lines instead of JSON; default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go (tests capture them); default stdout, written synchronously. */
  destination?: DestinationStream;
}

/**
 * The one logger factory of every process: JSON lines (`time`, `level` as a word, `service`,
 * `pid`, `message`, then fields), secrets redacted (redact.ts), pretty only in a terminal.
 * Written synchronously, so the last lines before `process.exit` are not lost.
 */
export function createLogger(options: LoggerOptions): Logger {
  const isPretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const config: PinoOptions = {
    level: options.level ?? 'info',
    messageKey: 'message',
    base: { service: options.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    // A word, not pino's number: what log shippers and `grep '"level":"error"'` expect.
    ...(isPretty ? {} : { formatters: { level: (label: string) => ({ level: label }) } }),
  };
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  const destination = isPretty
    ? pretty({ destination: out, colorize: options.destination === undefined, sync: true, messageKey: 'message', translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
    : out;
  return pino(config, destination);
}

/**
 * The `(message, fields)` logging function the auth pieces and listeners take (they know no
 * logger): `fields.level` (`warn`, `error`; else info) picks the level, the rest are the fields.
 */
export function messageLog(logger: Logger): (message: string, fields?: Record<string, unknown>) => void {
  return (message, fields = {}) => {
    const { level, ...rest } = fields;
    if (level === 'warn') logger.warn(rest, message);
    else if (level === 'error') logger.error(rest, message);
    else logger.info(rest, message);
  };
}
