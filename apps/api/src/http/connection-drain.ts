import { BeforeApplicationShutdown, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/**
 * Lets shutdown finish while clients hold keep-alive connections. Closing the server only drops connections
 * that are idle at that instant; one that was serving a request becomes idle a moment later and would then
 * hold the process open until its keep-alive timeout. So, while closing, idle connections are swept
 * every 50 ms: each in-flight request is answered first, then its connection is closed.
 */
@Injectable()
export class ConnectionDrain implements BeforeApplicationShutdown, OnApplicationShutdown {
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server || typeof server.closeIdleConnections !== 'function') return;
    this.sweeper = setInterval(() => server.closeIdleConnections(), 50);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
