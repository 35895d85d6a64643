// pino logger with secrets and client fields redacted wherever they appear in a log object.
import { pino, type Logger } from 'pino';

/** Keys that must never reach a log line: secrets, and anything that could identify a client. */
export const REDACTED_KEYS = [
  'password',
  'secret',
  'token',
  'authorization',
  'cookie',
  'signingSecret',
  'botToken',
  'appPassword',
  'appToken',
  'adminToken',
  'clientSecret',
  'stateSecret',
  'secretsKey',
  'clientName',
  'clientContact',
  'needs',
  'reasonForService',
  'accessNeeds',
  'contactMethod',
  'contactTimes',
  'note',
  'text',
];

const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`, `req.headers.${k}`]);

export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths, censor: '[redacted]' }, base: undefined };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

export type { Logger };
