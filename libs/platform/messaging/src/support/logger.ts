import { Logger } from '@nestjs/common';

/**
 * What the messaging classes log through. Nest's `Logger` satisfies it, so a
 * service passes its own; tests pass a capturing one.
 *
 * Log lines carry ids (event id, topic, offset), never event data or personal data.
 */
export interface MessagingLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export function defaultLogger(context: string): MessagingLogger {
  return new Logger(context);
}

/** The message of an unknown thrown value, cut to a length that fits a log line or a header. */
export function errorMessage(error: unknown, maxLength = 500): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > maxLength ? `${message.slice(0, maxLength - 1)}…` : message;
}

export function errorStack(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
