import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';

export interface ConsoleAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** The console's files: fixed, small, read once. Nothing outside this list is ever served. */
const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'chart.js': 'text/javascript; charset=utf-8',
  'queue-view.js': 'text/javascript; charset=utf-8',
  'case-view.js': 'text/javascript; charset=utf-8',
  'format.js': 'text/javascript; charset=utf-8',
};

/**
 * Security headers of every console response: scripts and styles only from the service's own files (no inline
 * code, so injected markup could not run even if some escaped), data only from the API, never framed, no referrer.
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-cache',
};

/** The analyst console (SPEC §9): static HTML, CSS and JavaScript modules, no build step. */
@Injectable()
export class ConsoleAssets {
  private readonly files = new Map<string, ConsoleAsset>();

  constructor() {
    const dir = join(__dirname, 'static');
    for (const [name, contentType] of Object.entries(FILES)) this.files.set(name, { body: readFileSync(join(dir, name)), contentType });
  }

  get(name: string): ConsoleAsset | undefined {
    return Object.hasOwn(FILES, name) ? this.files.get(name) : undefined;
  }
}
