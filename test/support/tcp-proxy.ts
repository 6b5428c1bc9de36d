import { createServer, Server, Socket, connect } from 'node:net';
import { FrontendMessages } from './frontend-messages';

/**
 * A TCP proxy for fault tests: sits between the app and its database and can cut every connection,
 * refuse new ones, or swallow traffic (a black hole), then heal.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private mode: 'pass' | 'refuse' | 'blackhole' = 'pass';
  /** Added to every chunk in each direction while passing. */
  latencyMs = 0;
  port = 0;
  /** Chunks read from clients so far (each write a client makes arrives as one, unless the kernel merges two). */
  clientChunks = 0;
  /** Chunks read from the server so far (each write the server makes arrives as one, unless the kernel merges two). */
  serverChunks = 0;
  /** The messages clients sent so far, by type (see `FrontendMessages`). */
  readonly clientMessages = new Map<string, number>();

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static forUrl(url: string): TcpProxy {
    const parsed = new URL(url);
    return new TcpProxy(parsed.hostname, Number(parsed.port || 5432));
  }

  /** The same URL, through the proxy. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((client) => this.handle(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Destroys every open connection and refuses new ones until `heal`. */
  cut(): void {
    this.mode = 'refuse';
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** Keeps connections open but lets nothing through: the server looks alive and never answers. */
  blackhole(): void {
    this.mode = 'blackhole';
  }

  heal(): void {
    this.mode = 'pass';
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(client: Socket): void {
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (this.mode !== 'pass') return;
        if (this.latencyMs > 0) setTimeout(() => to.writable && to.write(chunk), this.latencyMs);
        else to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const messages = new FrontendMessages(this.clientMessages);
    client.on('data', (chunk: Buffer) => {
      this.clientChunks++;
      messages.read(chunk);
    });
    upstream.on('data', () => this.serverChunks++);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  }
}
