import type { NotificationConstructorOptions } from 'electron';
import type { NotificationRequest, Notifier } from '../core/ports';
import type { Logger } from '../core/ports';

/** What the notifier uses of an Electron Notification (one is). */
export interface ShownNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

export interface OsNotifierDeps {
  /** `new Notification(options)` */
  create(options: NotificationConstructorOptions): ShownNotification;
  /** Notification.isSupported */
  isSupported(): boolean;
  /** Called when the user clicks a notification: focus the window, open the case. */
  onOpen(target: { domain: string; name: string }): void;
  log: Pick<Logger, 'warn'>;
}

/**
 * OS notifications for case updates. Shown notifications are referenced until closed or
 * clicked: a garbage-collected Electron Notification loses its click handler.
 */
export function createOsNotifier(deps: OsNotifierDeps): Notifier {
  const live = new Set<ShownNotification>();
  return {
    notify(request: NotificationRequest) {
      if (!deps.isSupported()) {
        deps.log.warn('OS notifications are not supported here; skipped one', { domain: request.domain });
        return;
      }
      const notification = deps.create({ title: request.title, body: request.body });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        deps.onOpen({ domain: request.domain, name: request.caseName });
      });
      notification.on('close', () => live.delete(notification));
      notification.on('failed', (_event, error) => {
        live.delete(notification);
        deps.log.warn('An OS notification failed', { error });
      });
      notification.show();
    },
  };
}
