/** The protocol version a StartupMessage carries (3.0); an SSLRequest or a GSSENCRequest carries another code. */
const PROTOCOL_3 = 196608;

/**
 * Reads the messages a PostgreSQL client sends on one connection, chunk by chunk, and counts them by type ('P'
 * Parse, 'B' Bind, 'D' Describe, 'E' Execute, 'S' Sync, 'Q' Query…) into `counts`. The messages before the
 * StartupMessage (an SSLRequest) and the StartupMessage itself carry no type byte.
 */
export class FrontendMessages {
  private pending: Buffer = Buffer.alloc(0);
  private started = false;

  constructor(private readonly counts: Map<string, number>) {}

  read(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const typed = this.started ? 1 : 0;
      if (this.pending.length < typed + 4) return;
      const length = this.pending.readInt32BE(typed);
      if (this.pending.length < typed + length) return;
      if (this.started) {
        const type = String.fromCharCode(this.pending[0]);
        this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
      } else if (this.pending.readInt32BE(4) === PROTOCOL_3) {
        this.started = true;
      }
      this.pending = this.pending.subarray(typed + length);
    }
  }
}
