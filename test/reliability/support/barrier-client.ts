import { Agent, request } from 'node:http';

export interface Shot {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ShotResult {
  status: number;
  body: any;
}

/**
 * Fires requests together: connections are opened and warmed first (keep-alive), then every request is written
 * at once, so they reach the servers as close to simultaneously as the machine allows — races, not a queue.
 */
export class BarrierClient {
  private readonly agents: Agent[];

  constructor(
    private readonly baseUrls: string[],
    private readonly key: string,
    private readonly connectionsPerServer = 50,
  ) {
    this.agents = baseUrls.map(() => new Agent({ keepAlive: true, maxSockets: connectionsPerServer }));
  }

  /** Opens `connectionsPerServer` keep-alive sockets to each server. */
  async warm(): Promise<void> {
    await Promise.all(
      this.baseUrls.flatMap((_, server) => Array.from({ length: this.connectionsPerServer }, () => this.send(server, { method: 'GET', path: '/health/live' }))),
    );
  }

  /** Sends every shot at once, spread over the servers in turn; answers in the order given. */
  async fire(shots: Shot[]): Promise<ShotResult[]> {
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const pending = shots.map((shot, i) => barrier.then(() => this.send(i % this.baseUrls.length, shot)));
    release();
    return Promise.all(pending);
  }

  close(): void {
    for (const agent of this.agents) agent.destroy();
  }

  private send(server: number, shot: Shot): Promise<ShotResult> {
    const url = new URL(this.baseUrls[server] + shot.path);
    const payload = shot.body === undefined ? undefined : JSON.stringify(shot.body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: shot.method,
          agent: this.agents[server],
          headers: {
            authorization: `Bearer ${this.key}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(shot.headers ?? {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
}
