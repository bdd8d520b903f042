import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { OsNotification } from '../../main/core/ports';
import type { AppWindow } from '../../main/electron/main-window';
import { createOsNotifier, type NativeNotification } from '../../main/electron/os-notifier';
import { parseOpenCaseLink } from '../../main/electron/open-case-links';
import { recordingLogger } from '../core/helpers/recording-logger';

const DOMAIN = 'northwind-reseller.example';

/** An Electron Notification as far as the notifier uses it: the test fires its events. */
class FakeNotification implements NativeNotification {
  readonly listeners = new Map<string, (...args: unknown[]) => void>();
  shown = 0;
  constructor(readonly options: NotificationConstructorOptions) {}
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, listener as (...args: unknown[]) => void);
    return this;
  }
  show() {
    this.shown += 1;
  }
  emit(event: 'click' | 'close' | 'failed', ...args: unknown[]) {
    this.listeners.get(event)?.(...args);
  }
}

/** The window's calls, in order. */
function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  } as Pick<AppWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> as AppWindow;
  return { window, calls };
}

function setup(platform: NodeJS.Platform = 'linux', minimized = true, protocolLaunch = true) {
  const created: FakeNotification[] = [];
  const { window, calls } = fakeWindow(minimized);
  const log = recordingLogger();
  const notifier = createOsNotifier({
    createNotification: (options) => {
      const native = new FakeNotification(options);
      created.push(native);
      return native;
    },
    window: () => window,
    platform,
    protocolLaunch,
    iconPath: '/app/icon.png',
    log,
  });
  let nextId = 0;
  const show = (overrides: Partial<OsNotification> = {}) => {
    const clicks: string[] = [];
    nextId += 1;
    const notification: OsNotification = {
      id: `run:${nextId}`,
      title: 'Acme: “Mail bounces”',
      body: 'Google support replied · northwind-reseller.example',
      silent: false,
      domain: DOMAIN,
      caseNames: ['organizations/1/cases/9'],
      ...overrides,
    };
    notifier.show(notification, () => clicks.push(`${calls.join(',')}|clicked`));
    return { native: created.at(-1)!, clicks, notification };
  };
  return { notifier, created, calls, log, show };
}

describe('the OS notifier', () => {
  it('shows an Electron notification with the text, its silence and the icon', () => {
    const { show } = setup();
    const { native } = show({ silent: true });
    expect(native.shown).toBe(1);
    expect(native.options).toEqual({
      title: 'Acme: “Mail bounces”',
      body: 'Google support replied · northwind-reseller.example',
      silent: true,
      icon: '/app/icon.png',
    });
  });

  it('holds every notification until it is closed, clicked or failed', () => {
    const { notifier, show, log } = setup();
    const [a, b, c] = [show(), show(), show()];
    expect(notifier.liveCount()).toBe(3);
    a.native.emit('close');
    expect(notifier.liveCount()).toBe(2);
    b.native.emit('failed', {}, 'no notification server');
    expect(notifier.liveCount()).toBe(1);
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', detail: 'no notification server' }));
    c.native.emit('click');
    expect(notifier.liveCount()).toBe(0);
  });

  it('on a click, restores, shows and focuses the window, then tells the core, once', () => {
    const { show } = setup('linux', true);
    const { native, clicks } = show();
    native.emit('click');
    native.emit('click');
    expect(clicks).toEqual(['restore,show,focus|clicked']);
  });

  it('does not restore a window that is not minimized', () => {
    const { show } = setup('darwin', false);
    const { native, clicks } = show();
    native.emit('click');
    expect(clicks).toEqual(['show,focus|clicked']);
  });

  it('runs a click once whichever way it comes back: the toast’s event or its launch link', () => {
    const { notifier, show } = setup('win32');
    const { native, clicks, notification } = show();
    expect(notifier.activate(notification.id)).toBe(true);
    native.emit('click');
    expect(notifier.activate(notification.id)).toBe(true);
    expect(clicks).toHaveLength(1);
    expect(notifier.activate('earlier-run:1')).toBe(false);
  });

  it('a core that throws on a click is logged; the notifier goes on', () => {
    const { notifier, created, log } = setup();
    notifier.show({ id: 'x:1', title: 't', body: 'b', silent: false, domain: DOMAIN, caseNames: [] }, () => {
      throw new Error('boom');
    });
    expect(() => created[0]!.emit('click')).not.toThrow();
    expect(log.entries.map((entry) => entry.level)).toEqual(['error']);
  });

  it('a notification that cannot be created is logged and not held', () => {
    const log = recordingLogger();
    const notifier = createOsNotifier({
      createNotification: () => {
        throw new Error('not supported');
      },
      window: () => null,
      platform: 'linux',
      protocolLaunch: false,
      log,
    });
    notifier.show({ id: 'x:1', title: 't', body: 'b', silent: false, domain: DOMAIN, caseNames: [] }, () => undefined);
    expect(notifier.liveCount()).toBe(0);
    expect(log.entries.map((entry) => entry.level)).toEqual(['warn']);
  });

  describe('on Windows', () => {
    const launchOf = (xml: string) => /launch="([^"]*)"/.exec(xml)?.[1]?.replace(/&#38;/g, '&');

    it('writes a toast whose launch link opens the case, escaped, silent when asked', () => {
      const { show } = setup('win32');
      const { native, notification } = show({ title: 'A <b> & "c"', silent: true });
      const xml = native.options.toastXml!;
      expect(xml).toContain('activationType="protocol"');
      expect(xml).toContain('<text>A &#60;b&#62; &#38; &#34;c&#34;</text>');
      expect(xml).toContain('<audio silent="true"/>');
      expect(parseOpenCaseLink(launchOf(xml)!, [DOMAIN])).toEqual({
        domain: DOMAIN,
        name: notification.caseNames[0],
        notificationId: notification.id,
      });
    });

    it('a grouped toast opens the tab; without the registered link it activates in the foreground', () => {
      const { show } = setup('win32', true, false);
      const { native, notification } = show({ caseNames: ['organizations/1/cases/1', 'organizations/1/cases/2'] });
      const xml = native.options.toastXml!;
      expect(xml).toContain('activationType="foreground"');
      expect(xml).not.toContain('<audio');
      expect(parseOpenCaseLink(launchOf(xml)!, [DOMAIN])).toEqual({ domain: DOMAIN, notificationId: notification.id });
    });

    it('elsewhere, no toast XML', () => {
      for (const platform of ['darwin', 'linux'] as const) {
        expect(setup(platform).show().native.options.toastXml).toBeUndefined();
      }
    });
  });
});
