import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  badgeKind,
  createAppBadge,
  linuxDesktopShowsBadges,
  overlayDotBitmap,
  type BadgeApp,
  type BadgeTray,
  type BadgeWindow,
} from '../../main/electron/app-badge';
import type { UiLanguage } from '../../shared/i18n/resolve-language';
import { recordingLogger } from '../core/helpers/recording-logger';

const OVERLAY = { image: 'red dot' };
type Image = typeof OVERLAY;
type Menu = { template: MenuItemConstructorOptions[] };

/** Electron's app, window and tray as the badge uses them, recording each call. */
function setup(platform: NodeJS.Platform, launcherBadge = false, launcherAccepts = true) {
  const calls: unknown[][] = [];
  const app: BadgeApp = { setBadgeCount: (count) => (calls.push(['setBadgeCount', count]), launcherAccepts) };
  let window: BadgeWindow<Image> | null = null;
  const makeWindow = () => {
    window = {
      setOverlayIcon: (overlay, description) => void calls.push(['setOverlayIcon', overlay, description]),
      isDestroyed: () => false,
    };
  };
  let trayClick: (() => void) | undefined;
  let menu: Menu | null = null;
  let trays = 0;
  const tray: BadgeTray<Menu> = {
    setToolTip: (text) => void calls.push(['setToolTip', text]),
    setContextMenu: (next) => void (menu = next),
    on: (_event, listener) => (trayClick = listener),
    destroy: () => void calls.push(['destroy']),
  };
  let language: UiLanguage = 'en';
  const actions: string[] = [];
  let overlays = 0;
  const badge = createAppBadge<Image, Menu>({
    platform,
    app,
    launcherBadge,
    window: () => window,
    overlayIcon: () => (overlays++, OVERLAY),
    createTray: () => (trays++, tray),
    buildMenu: (template) => ({ template }),
    language: () => language,
    onOpen: () => actions.push('open'),
    onQuit: () => actions.push('quit'),
    log: recordingLogger(),
  });
  const accounts = (...counts: number[]) => counts.map((attentionCount) => ({ attentionCount }));
  return {
    badge,
    calls,
    accounts,
    actions,
    makeWindow,
    setLanguage: (next: UiLanguage) => (language = next),
    menu: () => menu,
    trayClick: () => trayClick?.(),
    counts: () => ({ trays, overlays }),
  };
}

describe('the app badge', () => {
  it('picks the dock on macOS, the overlay on Windows, a launcher that shows badges or else a tray on Linux', () => {
    expect(badgeKind('darwin', false)).toBe('launcher');
    expect(badgeKind('win32', false)).toBe('overlay');
    expect(badgeKind('linux', true)).toBe('launcher');
    expect(badgeKind('linux', false)).toBe('tray');
    expect(badgeKind('freebsd', true)).toBe('none');
    expect(linuxDesktopShowsBadges({ XDG_CURRENT_DESKTOP: 'Unity:Unity7:ubuntu' })).toBe(true);
    expect(linuxDesktopShowsBadges({ XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true);
    expect(linuxDesktopShowsBadges({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe(false);
    expect(linuxDesktopShowsBadges({})).toBe(false);
  });

  it('macOS and a Linux launcher: the launcher badge is the total over every domain, recounted each time', () => {
    for (const [platform, unity] of [
      ['darwin', false],
      ['linux', true],
    ] as const) {
      const { badge, calls, accounts } = setup(platform, unity);
      badge.show(accounts(2, 0, 5));
      badge.show(accounts(2, 0, 5));
      badge.show(accounts(1));
      badge.show([]);
      expect(calls).toEqual([
        ['setBadgeCount', 7],
        ['setBadgeCount', 7],
        ['setBadgeCount', 1],
        ['setBadgeCount', 0],
      ]);
    }
  });

  it('Windows: an overlay with the count in words, cleared at zero, set again on a new window', () => {
    const { badge, calls, accounts, makeWindow, setLanguage, counts } = setup('win32');
    badge.show(accounts(3, 1));
    expect(calls).toEqual([]);
    makeWindow();
    badge.refresh();
    expect(calls).toEqual([['setOverlayIcon', OVERLAY, '4 cases need you']]);
    setLanguage('fr');
    badge.show(accounts(1));
    expect(calls.at(-1)).toEqual(['setOverlayIcon', OVERLAY, '1 demande vous attend']);
    badge.show(accounts(0, 0));
    expect(calls.at(-1)).toEqual(['setOverlayIcon', null, '']);
    expect(counts().overlays).toBe(1);
  });

  it('a Linux launcher that refuses the badge hands the count to a tray icon', () => {
    const { badge, calls, accounts, counts } = setup('linux', true, false);
    badge.show(accounts(2));
    badge.show(accounts(3));
    expect(calls).toEqual([
      ['setBadgeCount', 2],
      ['setToolTip', 'Partner Desk: 2 cases need you'],
      ['setToolTip', 'Partner Desk: 3 cases need you'],
    ]);
    expect(counts().trays).toBe(1);
  });

  it('Linux without a launcher badge: one tray icon, its tooltip and menu in the user’s language', () => {
    const { badge, calls, accounts, actions, menu, trayClick, setLanguage, counts } = setup('linux', false);
    badge.show(accounts(0));
    expect(calls).toEqual([['setToolTip', 'Partner Desk: no case needs you']]);
    badge.show(accounts(2, 3));
    expect(calls.at(-1)).toEqual(['setToolTip', 'Partner Desk: 5 cases need you']);
    setLanguage('fr');
    badge.refresh();
    expect(calls.at(-1)).toEqual(['setToolTip', 'Partner Desk : 5 demandes vous attendent']);
    const items = menu()!.template;
    expect(items.map((item) => item.label ?? item.type)).toEqual(['Ouvrir Partner Desk', 'separator', 'Quitter']);
    items[0]!.click!(undefined as never, undefined, undefined as never);
    items[2]!.click!(undefined as never, undefined, undefined as never);
    trayClick();
    expect(actions).toEqual(['open', 'quit', 'open']);
    expect(counts().trays).toBe(1);
    expect(calls.filter((call) => call[0] === 'setBadgeCount')).toEqual([]);
    badge.dispose();
    expect(calls.at(-1)).toEqual(['destroy']);
  });

  it('a failing OS call is logged, never thrown', () => {
    const log = recordingLogger();
    const badge = createAppBadge({
      platform: 'darwin',
      app: {
        setBadgeCount: () => {
          throw new Error('no dock');
        },
      },
      launcherBadge: false,
      window: () => null,
      overlayIcon: () => null,
      createTray: () => {
        throw new Error('unused');
      },
      buildMenu: () => null,
      language: () => 'en',
      onOpen: () => undefined,
      onQuit: () => undefined,
      log,
    });
    expect(() => badge.show([{ attentionCount: 1 }])).not.toThrow();
    expect(log.entries.map((entry) => entry.level)).toEqual(['warn']);
  });

  it('draws the overlay as an opaque red dot on a transparent square', () => {
    const size = 16;
    const pixels = overlayDotBitmap(size);
    expect(pixels).toHaveLength(size * size * 4);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(8, 8)).toEqual([0x2c, 0x2c, 0xd9, 0xff]);
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    expect(at(15, 15)).toEqual([0, 0, 0, 0]);
    expect(at(0, 8)[3]).toBe(0xff);
  });
});
