import { LoggerService } from '@nestjs/common';

/** Nest's logs go to stderr (stdout carries the commands' output); below `warn` only with --verbose. */
export class StderrLogger implements LoggerService {
  constructor(private readonly chatty = false) {}

  log(message: unknown, context?: string): void {
    if (this.chatty) this.write('log', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    // Nest reports a failed start-up here and throws it too: the command prints it once, as one line.
    if (context === 'ExceptionHandler') return;
    this.write('error', message, context);
  }
  debug(message: unknown, context?: string): void {
    if (this.chatty) this.write('debug', message, context);
  }

  private write(level: string, message: unknown, context?: string): void {
    process.stderr.write(`${level}${context ? ` [${context}]` : ''}: ${message instanceof Error ? message.message : String(message)}\n`);
  }
}
