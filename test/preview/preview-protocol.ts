import type { InvokeResult } from '../../shared/ipc/contract';

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

/** Server → browser. */
export type ServerFrame =
  | { type: 'result'; id: number; result: InvokeResult<unknown> }
  | { type: 'event'; channel: string; payload: unknown }
  /** Preview-only: stands in for the system browser that shell.openExternal would open. */
  | { type: 'open-external'; url: string };
