import type { NotificationConstructorOptions } from 'electron';
import type { Logger, Notifier, OsNotification } from '../core/ports';
import { focusWindow, type AppWindow } from './main-window';
import { openCaseLink } from './open-case-links';

/** The parts of an Electron Notification the notifier uses; a Notification is one. */
export interface NativeNotification {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

export interface OsNotifierDeps {
  createNotification(options: NotificationConstructorOptions): NativeNotification;
  /** The main window, focused on a click (null while there is none). */
  window(): AppWindow | null;
  platform: NodeJS.Platform;
  /**
   * Windows: the partnerdesk:// link is registered, so a toast's click launches it (reaching
   * this instance through the single-instance lock, even after a restart). Otherwise the
   * toast activates the app in the foreground with the same launch argument.
   */
  protocolLaunch: boolean;
  iconPath?: string;
  log: Logger;
}

export interface OsNotifier extends Notifier {
  /**
   * A click that came back as a launch link (Windows toast activation): runs the click of
   * notification `id` once. True when the id is this run's (live, or clicked already:
   * the toast's own click event and its link may both arrive); false for an unknown one.
   */
  activate(id: string): boolean;
  /** Notifications held alive (shown, neither clicked, closed nor failed). */
  liveCount(): number;
}

/** Ids clicked recently, remembered to ignore the second path a click may take. */
const REMEMBERED_CLICKS = 100;

/** Text for the toast's XML: the five characters XML reserves, escaped. */
function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Windows' toast, written out so its click carries the launch link: the case to open
 * survives the notification object and the process that showed it.
 */
export function toastXml(notification: OsNotification, launch: string, protocolLaunch: boolean): string {
  const activation = protocolLaunch ? 'protocol' : 'foreground';
  return [
    `<toast launch="${xmlText(launch)}" activationType="${activation}">`,
    '<visual><binding template="ToastGeneric">',
    `<text>${xmlText(notification.title)}</text>`,
    `<text>${xmlText(notification.body)}</text>`,
    '</binding></visual>',
    notification.silent ? '<audio silent="true"/>' : '',
    '</toast>',
  ].join('');
}

/**
 * The core's Notifier over Electron's Notification. Electron drops the events of a
 * notification that was garbage-collected, so each is held here until it is clicked,
 * closed or failed; a click brings the window forward, then tells the core.
 */
export function createOsNotifier(deps: OsNotifierDeps): OsNotifier {
  const live = new Map<string, { notification: NativeNotification; onClick: () => void }>();
  const clicked: string[] = [];

  const click = (id: string): boolean => {
    const entry = live.get(id);
    if (!entry) return clicked.includes(id);
    live.delete(id);
    clicked.push(id);
    if (clicked.length > REMEMBERED_CLICKS) clicked.shift();
    focusWindow(deps.window());
    try {
      entry.onClick();
    } catch (error) {
      deps.log.error('Opening what a notification is about failed', error);
    }
    return true;
  };

  return {
    show(notification, onClick) {
      const [only] = notification.caseNames;
      const launch = openCaseLink({
        domain: notification.domain,
        ...(notification.caseNames.length === 1 && only ? { name: only } : {}),
        notificationId: notification.id,
      });
      try {
        const native = deps.createNotification({
          title: notification.title,
          body: notification.body,
          silent: notification.silent,
          ...(deps.iconPath ? { icon: deps.iconPath } : {}),
          ...(deps.platform === 'win32' ? { toastXml: toastXml(notification, launch, deps.protocolLaunch) } : {}),
        });
        native.on('click', () => void click(notification.id));
        native.on('close', () => void live.delete(notification.id));
        native.on('failed', (_event, error) => {
          live.delete(notification.id);
          deps.log.warn('A notification could not be shown', error);
        });
        live.set(notification.id, { notification: native, onClick });
        native.show();
      } catch (error) {
        live.delete(notification.id);
        deps.log.warn('A notification could not be shown', error);
      }
    },
    activate: click,
    liveCount: () => live.size,
  };
}
