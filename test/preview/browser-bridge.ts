import type { PartnerDeskBridge } from '../../shared/ipc/contract';
import type { InvokeFrame, ServerFrame } from './preview-protocol';
import { PREVIEW_SOCKET_PATH } from './preview-protocol';

/**
 * Runs in the page before the renderer: gives it the same `window.partnerDesk` the
 * Electron preload exposes, carried over a WebSocket to the preview server instead of
 * IPC. Invokes resolve to the same result envelope; events arrive the same way.
 */

type Listener = (payload: unknown) => void;
type Envelope = Extract<ServerFrame, { type: 'result' }>['result'];

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

const token = new URLSearchParams(location.search).get('token') ?? '';
const pending = new Map<number, (result: Envelope) => void>();
const listeners = new Map<number, { channel: string; listener: Listener }>();
const outbox: string[] = [];
let nextInvokeId = 1;
let nextSubscriptionId = 1;
let socket: WebSocket | null = null;
let reconnectDelayMs = RECONNECT_MIN_MS;

function failure(message: string): Envelope {
  return { ok: false, error: { code: 'offline', message } };
}

function connect(): void {
  const ws = new WebSocket(`ws://${location.host}${PREVIEW_SOCKET_PATH}?token=${encodeURIComponent(token)}`);
  socket = ws;
  ws.addEventListener('open', () => {
    reconnectDelayMs = RECONNECT_MIN_MS;
    for (const frame of outbox.splice(0)) ws.send(frame);
  });
  ws.addEventListener('message', (event) => receive(event.data));
  ws.addEventListener('close', () => {
    socket = null;
    // In-flight invokes cannot be answered by a new connection: fail them like a dropped IPC.
    for (const [id, resolve] of pending) {
      pending.delete(id);
      resolve(failure('The connection to the preview server was lost. Try again.'));
    }
    setTimeout(connect, reconnectDelayMs);
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, RECONNECT_MAX_MS);
  });
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
    const resolve = pending.get(frame.id);
    pending.delete(frame.id);
    resolve?.(frame.result);
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
    const id = nextInvokeId++;
    return new Promise<Envelope>((resolve) => {
      pending.set(id, resolve);
      send({ type: 'invoke', id, channel, request });
    });
  },
  on(channel, listener) {
    const id = nextSubscriptionId++;
    listeners.set(id, { channel, listener });
    return id;
  },
  off(subscriptionId) {
    listeners.delete(subscriptionId);
  },
  getPathForFile() {
    // Like Electron's webUtils for a file that has no path on disk: the preview has no file system.
    return '';
  },
};

Object.defineProperty(window, 'partnerDesk', { value: Object.freeze(bridge), writable: false, configurable: false });
if (token) connect();
