import type { MenuItemConstructorOptions } from 'electron';
import { CATALOGS } from '../../shared/i18n/catalogs';
import type { UiLanguage } from '../../shared/i18n/resolve-language';
import type { Account } from '../../shared/model/account';
import { fill, plural } from '../core/notifications/notification-text';
import type { Logger } from '../core/ports';

/** The part of Electron's app the badge uses. */
export interface BadgeApp {
  setBadgeCount(count?: number): boolean;
}

/** The parts of a BrowserWindow the badge uses (Windows' taskbar overlay). */
export interface BadgeWindow<Image> {
  setOverlayIcon(overlay: Image | null, description: string): void;
  isDestroyed(): boolean;
}

/** The parts of a Tray the badge uses. */
export interface BadgeTray<M> {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: M | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface AppBadgeDeps<Image, M> {
  platform: NodeJS.Platform;
  app: BadgeApp;
  /** Linux: the desktop shows launcher badges (see linuxDesktopShowsBadges). */
  launcherBadge: boolean;
  window(): BadgeWindow<Image> | null;
  /** Windows: the overlay's image, made on first need. */
  overlayIcon(): Image;
  /** Linux without a launcher badge: a tray icon (the app's). */
  createTray(): BadgeTray<M>;
  buildMenu(template: MenuItemConstructorOptions[]): M;
  /** The user's language (the setting, 'system' resolved), read at each update. */
  language(): UiLanguage;
  onOpen(): void;
  onQuit(): void;
  log: Logger;
}

export type BadgeKind = 'launcher' | 'overlay' | 'tray' | 'none';

/**
 * Linux desktops whose launcher shows app.setBadgeCount (the LauncherEntry D-Bus API):
 * Unity and KDE Plasma. Elsewhere (GNOME without extensions, XFCE...) a tray icon shows the
 * count. Electron no longer has app.isUnityRunning, so the desktop's own name decides.
 */
export function linuxDesktopShowsBadges(env: NodeJS.ProcessEnv): boolean {
  const desktops = (env.XDG_CURRENT_DESKTOP ?? '').split(':').map((name) => name.trim().toLowerCase());
  return desktops.some((name) => name === 'unity' || name === 'kde');
}

/** Where this OS shows the count: the dock or the Linux launcher, the taskbar overlay, or a tray icon. */
export function badgeKind(platform: NodeJS.Platform, launcherBadge: boolean): BadgeKind {
  if (platform === 'darwin') return 'launcher';
  if (platform === 'win32') return 'overlay';
  if (platform === 'linux') return launcherBadge ? 'launcher' : 'tray';
  return 'none';
}

export interface AppBadge {
  /** The accounts as `accounts:changed` announces them: the badge is their total attention, recounted each time. */
  show(accounts: readonly Pick<Account, 'attentionCount'>[]): void;
  /** Shows the last count again: a new window (its overlay) or a new language. */
  refresh(): void;
  dispose(): void;
}

/**
 * The app's badge: the cases that need the team over every domain, set from the whole
 * account list each time (never incremented), so it cannot stick.
 */
export function createAppBadge<Image, M>(deps: AppBadgeDeps<Image, M>): AppBadge {
  let kind = badgeKind(deps.platform, deps.launcherBadge);
  let total = 0;
  let tray: BadgeTray<M> | null = null;
  let overlay: Image | null = null;

  const apply = () => {
    try {
      const language = deps.language();
      const text = CATALOGS[language].native.badge;
      const count = fill(plural(language, total, text.countOne, text.countOther), { n: total });
      // A Linux launcher that refuses the badge leaves the count to a tray icon.
      if (kind === 'launcher' && !deps.app.setBadgeCount(total) && deps.platform === 'linux') kind = 'tray';
      if (kind === 'launcher') return;
      if (kind === 'overlay') {
        const window = deps.window();
        if (!window || window.isDestroyed()) return;
        if (total === 0) window.setOverlayIcon(null, '');
        else window.setOverlayIcon((overlay ??= deps.overlayIcon()), count);
      } else if (kind === 'tray') {
        if (!tray) {
          tray = deps.createTray();
          tray.on('click', () => deps.onOpen());
        }
        tray.setToolTip(total === 0 ? text.trayIdle : fill(text.trayCount, { count }));
        tray.setContextMenu(
          deps.buildMenu([
            { label: text.open, click: () => deps.onOpen() },
            { type: 'separator' },
            { label: text.quit, click: () => deps.onQuit() },
          ]),
        );
      }
    } catch (error) {
      deps.log.warn('Could not update the app badge', error);
    }
  };

  return {
    show(accounts) {
      total = accounts.reduce((sum, account) => sum + account.attentionCount, 0);
      apply();
    },
    refresh: apply,
    dispose() {
      tray?.destroy();
      tray = null;
    },
  };
}

/**
 * A red dot for Windows' taskbar overlay, as BGRA pixels (nativeImage.createFromBitmap):
 * the count itself is in the overlay's description, read by screen readers.
 */
export function overlayDotBitmap(size = 16): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const radius = size / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const dx = x + 0.5 - radius;
      const dy = y + 0.5 - radius;
      if (dx * dx + dy * dy > radius * radius) continue;
      pixels.set([0x2c, 0x2c, 0xd9, 0xff], (y * size + x) * 4);
    }
  }
  return pixels;
}
