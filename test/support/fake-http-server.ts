import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
  /** The status answered, or null for a reset or a hang that never answered. */
  status: number | null;
}

/** What the server does with the next request. */
export type Behaviour =
  | { kind: 'respond'; status: number; body?: unknown; contentType?: string }
  | { kind: 'hang'; ms: number }
  | { kind: 'reset' };

/**
 * A real local HTTP server standing in for an SMS provider or an event receiver. Every request is recorded;
 * each one is answered by the next scripted behaviour, or by `fallback` (set `respond` to compute an answer).
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly script: Behaviour[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  fallback: Behaviour = { kind: 'respond', status: 200, body: { ok: true } };
  /** Computes the answer from the request (checked before the script and the fallback). */
  respond: ((request: RecordedRequest) => Behaviour | undefined) | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  /** Queues behaviours for the next requests, in order. */
  queue(...behaviours: Behaviour[]): this {
    this.script.push(...behaviours);
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
      status: null,
    };
    this.requests.push(recorded);
    const behaviour = this.respond?.(recorded) ?? this.script.shift() ?? this.fallback;
    switch (behaviour.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            resolve();
          }, behaviour.ms);
          this.timers.add(timer);
        });
        // The client gave up long ago: answering now proves nothing was waiting for it.
        if (!res.writableEnded && !req.socket.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      case 'respond': {
        const body = typeof behaviour.body === 'string' ? behaviour.body : JSON.stringify(behaviour.body ?? {});
        recorded.status = behaviour.status;
        res.writeHead(behaviour.status, { 'content-type': behaviour.contentType ?? 'application/json' }).end(body);
      }
    }
  }
}
