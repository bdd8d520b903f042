import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { InvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { PREVIEW_SOCKET_PATH, type ServerFrame } from './preview-protocol';

/** Largest frame a page may send; contract requests are small (attachments never cross it). */
const MAX_FRAME_BYTES = 1024 * 1024;

const invokeFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  // Channel and request are checked by the dispatcher, exactly as for Electron IPC.
  channel: z.unknown(),
  request: z.unknown(),
});

export interface BridgeSocketOptions {
  server: Server;
  token: string;
  /** Origins allowed to connect, e.g. http://127.0.0.1:PORT; read at each upgrade (the port is known after listen). */
  allowedOrigins: () => readonly string[];
  dispatch: InvokeDispatcher;
  log: (line: string) => void;
}

export interface BridgeSocket {
  /** Sends a frame to every connected page. */
  broadcast(frame: ServerFrame): void;
  connectionCount(): number;
  close(): Promise<void>;
}

/**
 * The preview's stand-in for Electron IPC: a WebSocket on the preview's own HTTP server.
 * Like main's trusted-sender check, it admits only the preview's page (its Origin) that
 * holds the random token, and hands every invoke to the same dispatcher Electron uses.
 */
export function attachBridgeSocket(options: BridgeSocketOptions): BridgeSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const expectedToken = Buffer.from(options.token);

  function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
    options.log(`preview: refused a bridge connection (${reason})`);
    const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function tokenMatches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const given = Buffer.from(candidate);
    return given.length === expectedToken.length && timingSafeEqual(given, expectedToken);
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== PREVIEW_SOCKET_PATH) return refuse(socket, 404, `unknown path ${url.pathname.slice(0, 80)}`);
    const origin = request.headers.origin;
    if (!origin || !options.allowedOrigins().includes(origin)) {
      return refuse(socket, 403, `foreign origin ${String(origin).slice(0, 80)}`);
    }
    if (!tokenMatches(url.searchParams.get('token'))) return refuse(socket, 401, 'missing or wrong token');
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws));
  }

  function serve(ws: WebSocket): void {
    ws.on('error', (error) => options.log(`preview: bridge socket error: ${error.message}`));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let frame: z.infer<typeof invokeFrameSchema>;
      try {
        frame = invokeFrameSchema.parse(JSON.parse(data.toString()));
      } catch {
        // Without a readable id the page cannot be answered: end the conversation clearly.
        return ws.close(1007, 'malformed frame');
      }
      void options.dispatch(frame.channel, frame.request).then((result) => {
        if (ws.readyState === ws.OPEN)
          ws.send(JSON.stringify({ type: 'result', id: frame.id, result } satisfies ServerFrame));
      });
    });
  }

  options.server.on('upgrade', onUpgrade);

  return {
    broadcast(frame) {
      const text = JSON.stringify(frame);
      for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    connectionCount: () => wss.clients.size,
    close() {
      options.server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
