import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createOsNotifier } from '../../main/electron/os-notifier';
import { silentLog } from './silent-log';

class FakeNotification {
  readonly listeners = new Map<string, (...args: unknown[]) => void>();
  shown = 0;
  constructor(readonly options: NotificationConstructorOptions) {}
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, listener as (...args: unknown[]) => void);
    return this;
  }
  show() {
    this.shown++;
  }
}

function setup(supported = true) {
  const created: FakeNotification[] = [];
  const onOpen = vi.fn();
  const log = silentLog();
  const notifier = createOsNotifier({
    create: (options) => {
      const notification = new FakeNotification(options);
      created.push(notification);
      return notification;
    },
    isSupported: () => supported,
    onOpen,
    log,
  });
  return { created, onOpen, notifier, log };
}

const REQUEST = {
  domain: 'revendeur-lumiere.example',
  caseName: 'organizations/42/cases/7',
  title: 'Le support Google attend votre réponse',
  body: 'Messagerie : impossible de recevoir des e-mails',
};

describe('OS notifier', () => {
  it('shows a notification with the title and body', () => {
    const { created, notifier } = setup();
    notifier.notify(REQUEST);
    expect(created).toHaveLength(1);
    expect(created[0]?.options).toEqual({ title: REQUEST.title, body: REQUEST.body });
    expect(created[0]?.shown).toBe(1);
  });

  it('asks to open the case in its domain when clicked', () => {
    const { created, notifier, onOpen } = setup();
    notifier.notify(REQUEST);
    notifier.notify({ ...REQUEST, domain: 'northwind-reseller.example', caseName: 'organizations/1/cases/1' });
    created[0]?.listeners.get('click')?.({});
    expect(onOpen.mock.calls).toEqual([[{ domain: 'revendeur-lumiere.example', name: 'organizations/42/cases/7' }]]);
  });

  it('skips quietly, with a log line, where notifications are unsupported', () => {
    const { created, notifier, log } = setup(false);
    notifier.notify(REQUEST);
    expect(created).toHaveLength(0);
    expect(log.warn).toHaveBeenCalled();
  });
});
