import type { Notifier, OsNotification } from '../../main/core/ports';
import type { ServerFrame } from './preview-protocol';

export interface PreviewNotifier {
  /** Given to createAppCore as `ports.notifier`. */
  notifier: Notifier;
  /** A page clicked the toast open: its onClick runs (once), and every page drops the toast. False if unknown. */
  open(id: string): boolean;
  /** A page dismissed the toast: it goes from every page, its onClick never runs. False if unknown. */
  dismiss(id: string): boolean;
  /** The toasts shown and not yet opened or dismissed. */
  shown(): OsNotification[];
  /** The core that showed them is gone: they go from the pages, their clicks with it. */
  clear(): void;
}

/**
 * The preview's Notifier: each OS notification the core shows becomes an in-page toast
 * through the preview's own socket frames (not the IPC contract). Like the Electron
 * adapter, it holds each notification until it is clicked or closed, and a click calls
 * the core's onClick, which emits notification:open.
 */
export function createPreviewNotifier(broadcast: (frame: ServerFrame) => void): PreviewNotifier {
  const live = new Map<string, { notification: OsNotification; onClick: () => void }>();
  const close = (id: string) => {
    const entry = live.get(id);
    if (!entry) return undefined;
    live.delete(id);
    broadcast({ type: 'toast-closed', id });
    return entry;
  };
  return {
    notifier: {
      show(notification, onClick) {
        live.set(notification.id, { notification, onClick });
        broadcast({ type: 'toast', notification });
      },
    },
    open(id) {
      const entry = close(id);
      entry?.onClick();
      return entry !== undefined;
    },
    dismiss: (id) => close(id) !== undefined,
    shown: () => [...live.values()].map((entry) => entry.notification),
    clear() {
      for (const id of [...live.keys()]) close(id);
    },
  };
}
