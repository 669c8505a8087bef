/**
 * Structured logs: one JSON object a line. Callers pass event names and metadata, never what a parent
 * typed: this is health data, so message text has no field here to land in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const log = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < threshold) return;
    const { time: _time, level: _level, event: _event, ...rest } = fields;
    // A field named like the line's own keys must not overwrite them.
    write(JSON.stringify({ time: now().toISOString(), level, event, ...rest }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** What may be logged of an error: its kind and a stack trimmed to code locations. */
export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) {
    const frames = (err.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 8);
    return { errorName: err.name, errorMessage: err.message.slice(0, 300), stack: frames.join(' | ') };
  }
  return { errorName: typeof err };
}
