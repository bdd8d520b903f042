import type { InvokeResult } from '../../shared/ipc/contract';
import type { OsNotification } from '../../main/core/ports';

/**
 * The frames the browser preview's bridge and server exchange over one WebSocket. They
 * carry the same IPC contract as Electron's ipcRenderer/ipcMain; only the wire differs.
 * Browser-safe: type-only imports, so the bridge bundle stays free of zod and Node.
 */

/** Where the bridge connects; the random token travels as `?token=`. */
export const PREVIEW_SOCKET_PATH = '/preview-bridge';
/** The bundled bridge script, loaded by index.html before the renderer's main.js. */
export const PREVIEW_BRIDGE_SCRIPT_PATH = '/preview-bridge.js';

/** Browser → server: one invoke, answered by a `result` frame with the same id. */
export interface InvokeFrame {
  type: 'invoke';
  id: number;
  channel: string;
  request: unknown;
}

/**
 * Browser → server: a file dropped on the page, streamed because the browser has no
 * path to give. `drop-begin` opens it, binary frames carry its bytes (each prefixed with
 * the drop id as a big-endian uint32), `drop-end` closes it; the server writes a temp
 * file, stages it as Electron's main stages a dropped path, and answers with a `result`
 * frame of the same id (the files:dropped envelope).
 */
export type DropFrame =
  { type: 'drop-begin'; id: number; filename: string; size: number } | { type: 'drop-end'; id: number };

/** Bytes of the drop id in front of each binary frame. */
export const DROP_ID_BYTES = 4;
/** File bytes per binary frame: well under the socket's frame limit. */
export const DROP_CHUNK_BYTES = 256 * 1024;

/**
 * Browser → server, preview-only: the in-page toast standing for an OS notification was
 * clicked open (the server calls the Notifier's onClick, as Electron's click event does)
 * or dismissed (as the OS's close).
 */
export type ToastFrame = { type: 'toast-open'; id: string } | { type: 'toast-dismiss'; id: string };

/** Server → browser. */
export type ServerFrame =
  | { type: 'result'; id: number; result: InvokeResult<unknown> }
  | { type: 'event'; channel: string; payload: unknown }
  /** Preview-only: stands in for the system browser that shell.openExternal would open. */
  | { type: 'open-external'; url: string }
  /** Preview-only: the core's Notifier showed a notification; the page shows it as a toast. */
  | { type: 'toast'; notification: OsNotification }
  /** Preview-only: that toast was opened or dismissed (in this page or another): it goes. */
  | { type: 'toast-closed'; id: string };
