import type { Socket } from 'node:net';
import { AppError } from '@lsl/contracts';

/**
 * Node's HTTP parser refuses some requests before Express sees them (headers past 16 KB, a
 * malformed request line or header) and by default answers with an empty body. This answers
 * them in the seed error body too, then closes the connection (docs/security.md).
 * For `server.on('clientError', ...)`.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || (error.code === 'ECONNRESET')) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(
    (tooLarge
      ? new AppError('headers_too_large', undefined, {})
      : new AppError('validation_failed', 'The request is not valid HTTP', { parser_error: error.code ?? null })
    ).toJSON(),
  );
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
