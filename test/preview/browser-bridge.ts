import type { PartnerDeskBridge } from '../../shared/ipc/contract';
import type { OsNotification } from '../../main/core/ports';
import type { DropFrame, InvokeFrame, ServerFrame, ToastFrame } from './preview-protocol';
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
  } else if (frame.type === 'toast') {
    showToast(frame.notification);
  } else if (frame.type === 'toast-closed') {
    removeToast(frame.id);
  }
}

/**
 * The OS notification, stood for by a toast in the page's corner (outside the app's own
 * DOM: the OS draws it, not the renderer). Open sends the click to the server, which calls
 * the core's onClick as Electron's click event would; Dismiss closes it. Styled through
 * the CSSOM, which the app's CSP allows. The toast's text comes from the core, in the
 * user's language; its two buttons follow the page's.
 */
const TOAST_WORDS = {
  en: { region: 'Notifications', open: 'Open', dismiss: 'Dismiss' },
  fr: { region: 'Notifications', open: 'Ouvrir', dismiss: 'Ignorer' },
};
let toastRegion: HTMLElement | null = null;

function toastWords() {
  return document.documentElement.lang.startsWith('fr') ? TOAST_WORDS.fr : TOAST_WORDS.en;
}

function showToast(notification: OsNotification): void {
  removeToast(notification.id);
  const words = toastWords();
  if (!toastRegion) {
    // A labelled region: a landmark of its own, so the page's content stays in landmarks.
    toastRegion = document.createElement('section');
    toastRegion.setAttribute('aria-label', words.region);
    toastRegion.dataset.testid = 'preview-toasts';
    Object.assign(toastRegion.style, {
      position: 'fixed',
      right: '16px',
      bottom: '16px',
      zIndex: '1000',
      display: 'flex',
      flexDirection: 'column',
      gap: '8px',
      width: '340px',
      maxWidth: 'calc(100vw - 32px)',
      font: '13px system-ui, sans-serif',
    });
    document.body.append(toastRegion);
  }
  const toast = document.createElement('div');
  toast.setAttribute('role', 'status');
  toast.dataset.testid = 'preview-toast';
  toast.dataset.toastId = notification.id;
  toast.dataset.domain = notification.domain;
  toast.dataset.cases = notification.caseNames.join(' ');
  toast.dataset.silent = String(notification.silent);
  // #1b1d22 under #ffffff: 16:1; the Open button's #ffffff on #2f4ac0: 7.3:1.
  Object.assign(toast.style, {
    background: '#1b1d22',
    color: '#ffffff',
    borderRadius: '10px',
    padding: '12px 14px',
    boxShadow: '0 8px 24px rgb(0 0 0 / 0.35)',
  });
  const title = document.createElement('strong');
  title.textContent = notification.title;
  title.style.display = 'block';
  const body = document.createElement('p');
  body.textContent = notification.body;
  Object.assign(body.style, { margin: '4px 0 10px', whiteSpace: 'pre-line' });
  const actions = document.createElement('div');
  Object.assign(actions.style, { display: 'flex', gap: '8px', justifyContent: 'flex-end' });
  const button = (label: string, testId: string, primary: boolean, frame: ToastFrame) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.dataset.testid = testId;
    Object.assign(element.style, {
      font: 'inherit',
      padding: '4px 12px',
      borderRadius: '6px',
      border: '1px solid #ffffff',
      background: primary ? '#2f4ac0' : 'transparent',
      color: '#ffffff',
      cursor: 'pointer',
    });
    element.addEventListener('click', () => {
      removeToast(notification.id);
      sendToast(frame);
    });
    return element;
  };
  actions.append(
    button(words.dismiss, 'preview-toast-dismiss', false, { type: 'toast-dismiss', id: notification.id }),
    button(words.open, 'preview-toast-open', true, { type: 'toast-open', id: notification.id }),
  );
  toast.append(title, body, actions);
  toastRegion.append(toast);
}

function removeToast(id: string): void {
  if (!toastRegion) return;
  for (const toast of toastRegion.querySelectorAll<HTMLElement>('[data-testid="preview-toast"]')) {
    if (toast.dataset.toastId === id) toast.remove();
  }
  if (toastRegion.childElementCount === 0) {
    toastRegion.remove();
    toastRegion = null;
  }
}

function sendToast(frame: ToastFrame): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
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
