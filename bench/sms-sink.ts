import { createServer } from 'node:http';

export interface Sink {
  url: string;
  /** Codes received, by verification id (used to seed through the API on the embedded database). */
  codes: Map<string, string>;
  stop(): Promise<void>;
}

/** A local SMS webhook that accepts every message at once. */
export async function startSink(): Promise<Sink> {
  const codes = new Map<string, string>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        const message = JSON.parse(body) as { verificationId: string; code: string };
        codes.set(message.verificationId, message.code);
      } catch {
        // ignore
      }
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/sms`, codes, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
