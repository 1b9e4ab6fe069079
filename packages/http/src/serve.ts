import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from '@lsl/telemetry';
import { answerClientError } from './client-error.js';

/** Listens on `port` (0: any free one) and `host`; resolves with the server and its URL. */
export async function listen(app: Express, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, host, () => resolve(s));
  });
  server.on('clientError', answerClientError);
  const address = server.address();
  return { server, url: `http://${host}:${typeof address === 'object' && address ? address.port : port}` };
}

/**
 * Stops taking requests: idle keep-alive sockets closed now, requests in flight answered; resolves
 * when the last one is.
 */
export async function stopListening(server: Server): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await closed;
}

/**
 * Runs a process's `main`, and on SIGTERM or SIGINT its `stop` once, then exits 0. A start-up
 * failure is for a person first (plain text on stderr, with the way out), and a JSON line for the
 * log shipper when stdout is not a terminal.
 */
export function runService(logger: Logger, main: () => Promise<(signal: string) => Promise<void>>): void {
  main().then(
    (stop) => {
      let stopping = false;
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.on(signal, () => {
          if (stopping) return;
          stopping = true;
          logger.info({ signal }, 'shutting down');
          stop(signal).then(
            () => {
              logger.info({ signal }, 'stopped');
              process.exit(0);
            },
            (error: unknown) => {
              logger.error({ signal, err: error }, 'shutdown failed');
              process.exit(1);
            },
          );
        });
      }
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : `start-up failed: ${JSON.stringify(error) ?? String(error)}`;
      if (!process.stdout.isTTY) logger.fatal({ err: error }, message);
      console.error(message);
      process.exit(1);
    },
  );
}
