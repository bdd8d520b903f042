import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { InvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { AppError } from '../../shared/app-error';
import { PRELOAD_ONLY_CHANNELS, type InvokeResult } from '../../shared/ipc/contract';
import { createDroppedFileReceiver, type DroppedFileReceiverOptions } from './dropped-file-receiver';
import { PREVIEW_SOCKET_PATH, type ServerFrame } from './preview-protocol';

/** Largest frame a page may send: contract requests are small, dropped files come in 256 KB chunks. */
const MAX_FRAME_BYTES = 1024 * 1024;

const id = z.number().int().nonnegative().max(0xffffffff);
const textFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('invoke'),
    id,
    // Channel and request are checked by the dispatcher, exactly as for Electron IPC.
    channel: z.unknown(),
    request: z.unknown(),
  }),
  z.object({ type: z.literal('drop-begin'), id, filename: z.string().max(1000), size: z.number().int().nonnegative() }),
  z.object({ type: z.literal('drop-end'), id }),
  z.object({ type: z.literal('toast-open'), id: z.string().max(200) }),
  z.object({ type: z.literal('toast-dismiss'), id: z.string().max(200) }),
]);

export interface BridgeSocketOptions {
  server: Server;
  token: string;
  /** Origins allowed to connect, e.g. http://127.0.0.1:PORT; read at each upgrade (the port is known after listen). */
  allowedOrigins: () => readonly string[];
  /** Host headers accepted (127.0.0.1:PORT, localhost:PORT), as the page server's: anything else may be DNS rebinding. */
  allowedHosts: () => readonly string[];
  dispatch: InvokeDispatcher;
  /** Where dropped files are written and how they are staged (as the preload's files:dropped). */
  drops: Omit<DroppedFileReceiverOptions, 'stage'>;
  log: (line: string) => void;
  /** The in-page toasts (preview-only): a page opened or dismissed one; a page that connects gets those shown. */
  toasts?: { open(id: string): void; dismiss(id: string): void; shownFrames(): ServerFrame[] };
}

export interface BridgeSocket {
  /** Sends a frame to every connected page. */
  broadcast(frame: ServerFrame): void;
  connectionCount(): number;
  /** Ends every page's connection, as a main process that died would; new ones are still admitted. */
  disconnectAll(): void;
  close(): Promise<void>;
}

/**
 * The preview's stand-in for Electron IPC: a WebSocket on the preview's own HTTP server.
 * Like main's trusted-sender check, it admits only the preview's page (its loopback Host
 * and Origin) that holds the random token, and hands every invoke to the same dispatcher Electron uses.
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
    if (!options.allowedHosts().includes(request.headers.host ?? '')) {
      return refuse(socket, 403, `unexpected host ${String(request.headers.host).slice(0, 80)}`);
    }
    const origin = request.headers.origin;
    if (!origin || !options.allowedOrigins().includes(origin)) {
      return refuse(socket, 403, `foreign origin ${String(origin).slice(0, 80)}`);
    }
    if (!tokenMatches(url.searchParams.get('token'))) return refuse(socket, 401, 'missing or wrong token');
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws));
  }

  function serve(ws: WebSocket): void {
    const drops = createDroppedFileReceiver({
      ...options.drops,
      // Trusted: only this server stages a path, one it wrote itself.
      stage: (path) => options.dispatch('files:dropped', { path }),
    });
    const answer = (frameId: number, result: InvokeResult<unknown>) => {
      if (ws.readyState === ws.OPEN)
        ws.send(JSON.stringify({ type: 'result', id: frameId, result } satisfies ServerFrame));
    };
    ws.on('error', (error) => options.log(`preview: bridge socket error: ${error.message}`));
    ws.on('close', () => drops.abortAll());
    for (const frame of options.toasts?.shownFrames() ?? []) ws.send(JSON.stringify(frame));
    ws.on('message', (data, isBinary) => {
      // ws hands binary frames over as Buffers (its default binaryType, nodebuffer).
      if (isBinary) return drops.chunk(data as Buffer);
      let frame: z.infer<typeof textFrameSchema>;
      try {
        frame = textFrameSchema.parse(JSON.parse(data.toString()));
      } catch {
        // Without a readable id the page cannot be answered: end the conversation clearly.
        return ws.close(1007, 'malformed frame');
      }
      if (frame.type === 'drop-begin') {
        const refusal = drops.begin(frame.id, frame.filename, frame.size);
        if (refusal) answer(frame.id, refusal);
        return;
      }
      if (frame.type === 'toast-open') return options.toasts?.open(frame.id);
      if (frame.type === 'toast-dismiss') return options.toasts?.dismiss(frame.id);
      if (frame.type === 'drop-end') {
        void drops.end(frame.id).then((result) => answer(frame.id, result));
        return;
      }
      if ((PRELOAD_ONLY_CHANNELS as readonly unknown[]).includes(frame.channel)) {
        // As in Electron's preload: a page cannot name a path, only drop a file.
        const error = new AppError('bad_request', `${String(frame.channel)} can only be sent by Partner Desk itself.`);
        return answer(frame.id, { ok: false, error: error.toData() });
      }
      void options.dispatch(frame.channel, frame.request).then((result) => answer(frame.id, result));
    });
  }

  options.server.on('upgrade', onUpgrade);

  return {
    broadcast(frame) {
      const text = JSON.stringify(frame);
      for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    connectionCount: () => wss.clients.size,
    disconnectAll() {
      for (const ws of wss.clients) ws.terminate();
    },
    close() {
      options.server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
