import type { PartnerDeskBridge } from '../../shared/ipc/contract';
import type { DropFrame, InvokeFrame, ServerFrame } from './preview-protocol';
import { DROP_CHUNK_BYTES, DROP_ID_BYTES, PREVIEW_SOCKET_PATH } from './preview-protocol';

/**
 * Runs in the page before the renderer: gives it the same `window.partnerDesk` the
 * Electron preload exposes, carried over a WebSocket to the preview server instead of
 * IPC. Invokes resolve to the same result envelope; events arrive the same way.
 */

type Listener = (payload: unknown) => void;
type Envelope = Extract<ServerFrame, { type: 'result' }>['result'];

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;
/** A dropped file's bytes wait while the socket holds this much unsent: memory stays flat. */
const DROP_BUFFERED_LIMIT_BYTES = 4 * 1024 * 1024;
const DROP_DRAIN_POLL_MS = 10;

const token = new URLSearchParams(location.search).get('token') ?? '';
/** An invoke waiting for its answer: resolved with the envelope, or rejected when the core is gone. */
const pending = new Map<number, { resolve: (result: Envelope) => void; reject: (error: Error) => void }>();
const coreLostListeners = new Set<() => void>();
/** The socket was open once and closed: the core is gone (as a crashed main), until it opens again. */
let coreLost = false;
const listeners = new Map<number, { channel: string; listener: Listener }>();
const outbox: string[] = [];
let nextInvokeId = 1;
let nextSubscriptionId = 1;
let socket: WebSocket | null = null;
let connectedOnce = false;
let reconnectDelayMs = RECONNECT_MIN_MS;

function failure(message: string): Envelope {
  return { ok: false, error: { code: 'bad_request', message } };
}

const CORE_LOST = 'The connection to the preview server was lost: its core stopped.';

function connect(): void {
  const ws = new WebSocket(`ws://${location.host}${PREVIEW_SOCKET_PATH}?token=${encodeURIComponent(token)}`);
  socket = ws;
  ws.addEventListener('open', () => {
    reconnectDelayMs = RECONNECT_MIN_MS;
    connectedOnce = true;
    coreLost = false;
    for (const frame of outbox.splice(0)) ws.send(frame);
  });
  ws.addEventListener('message', (event) => receive(event.data));
  ws.addEventListener('close', () => {
    socket = null;
    // Before the first connection the page is only early: invokes wait in the outbox. After it, the core is gone.
    if (connectedOnce && !coreLost) loseCore();
    setTimeout(connect, reconnectDelayMs);
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, RECONNECT_MAX_MS);
  });
}

/**
 * The core went away, as a crashed main would: in-flight invokes cannot be answered by
 * a new connection, so they fail as a dropped IPC does (the promise rejects: a transport
 * failure, which the client reports as the core lost, not as the network), and so does
 * every invoke until the socket opens again.
 */
function loseCore(): void {
  coreLost = true;
  outbox.length = 0;
  for (const [id, { reject }] of pending) {
    pending.delete(id);
    reject(new Error(CORE_LOST));
  }
  for (const listener of coreLostListeners) listener();
}

function receive(data: unknown): void {
  if (typeof data !== 'string') return;
  let frame: ServerFrame;
  try {
    frame = JSON.parse(data) as ServerFrame;
  } catch {
    console.error('[preview bridge] unreadable frame from the server');
    return;
  }
  if (frame.type === 'result') {
    const waiting = pending.get(frame.id);
    pending.delete(frame.id);
    waiting?.resolve(frame.result);
  } else if (frame.type === 'event') {
    for (const { channel, listener } of [...listeners.values()]) {
      if (channel !== frame.channel) continue;
      try {
        listener(frame.payload);
      } catch (error) {
        console.error(`[preview bridge] listener for ${channel} failed`, error);
      }
    }
  } else if (frame.type === 'open-external') {
    // Stands in for the system browser; the server also logs the URL for a human to open.
    if (!window.open(frame.url, '_blank')) console.warn(`[preview bridge] popup blocked; open ${frame.url}`);
  }
}

function send(frame: InvokeFrame): void {
  const text = JSON.stringify(frame);
  if (socket?.readyState === WebSocket.OPEN) socket.send(text);
  else outbox.push(text);
}

const bridge: PartnerDeskBridge = {
  invoke(channel, request) {
    if (!token)
      return Promise.resolve(failure('This preview URL has no token: open the URL printed by npm run preview.'));
    if (coreLost) return Promise.reject(new Error(CORE_LOST));
    const id = nextInvokeId++;
    return new Promise<Envelope>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      send({ type: 'invoke', id, channel, request });
    });
  },
  onCoreLost(listener) {
    coreLostListeners.add(listener);
  },
  on(channel, listener) {
    const id = nextSubscriptionId++;
    listeners.set(id, { channel, listener });
    return id;
  },
  off(subscriptionId) {
    listeners.delete(subscriptionId);
  },
  stageDroppedFile(file) {
    if (!(file instanceof File))
      return Promise.resolve(failure('Only a file dropped from your computer can be attached.'));
    const ws = socket;
    if (!token || ws?.readyState !== WebSocket.OPEN) return Promise.reject(new Error(CORE_LOST));
    const id = nextInvokeId++;
    return new Promise<Envelope>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      streamDrop(ws, id, file).catch((error: unknown) => {
        pending.delete(id);
        resolve(failure(`The dropped file could not be sent: ${String(error)}`));
      });
    });
  },
};

/**
 * The browser has the dropped file's bytes but no path: they go to the preview server,
 * which writes and stages them as Electron's main stages a dropped path. A refusal (too
 * large) answers the drop's id at once; the stream then stops.
 */
async function streamDrop(ws: WebSocket, id: number, file: File): Promise<void> {
  const begin: DropFrame = { type: 'drop-begin', id, filename: file.name, size: file.size };
  ws.send(JSON.stringify(begin));
  for (let offset = 0; offset < file.size && pending.has(id); offset += DROP_CHUNK_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + DROP_CHUNK_BYTES).arrayBuffer());
    const frame = new Uint8Array(DROP_ID_BYTES + bytes.byteLength);
    new DataView(frame.buffer).setUint32(0, id);
    frame.set(bytes, DROP_ID_BYTES);
    while (ws.bufferedAmount > DROP_BUFFERED_LIMIT_BYTES && ws.readyState === WebSocket.OPEN) {
      await new Promise((resolve) => setTimeout(resolve, DROP_DRAIN_POLL_MS));
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(frame);
  }
  if (pending.has(id)) ws.send(JSON.stringify({ type: 'drop-end', id } satisfies DropFrame));
}

Object.defineProperty(window, 'partnerDesk', { value: Object.freeze(bridge), writable: false, configurable: false });
if (token) connect();
