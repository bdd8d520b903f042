import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/app-error';
import { invokeChannels, type InvokeHandlers, type InvokeResult } from '../../shared/ipc/contract';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { registerIpcBridge, type InvokeRegistrar, type InvokeSender } from '../../main/electron/ipc-bridge';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL } from '../../main/electron/ipc-channels';
import { FakeWebContents } from './fake-web-contents';
import { silentLog } from './silent-log';

type Listener = (event: InvokeSender, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements InvokeRegistrar {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

const SETTINGS = { language: 'fr', theme: 'dark' } as const;

function setup(options: { validateEvents?: boolean } = {}) {
  const appWindow = new FakeWebContents(1);
  const handlers = Object.fromEntries(
    Object.keys(invokeChannels).map((channel) => [
      channel,
      vi.fn(async () => Promise.reject(new Error(`${channel} not expected`))),
    ]),
  ) as unknown as Record<keyof InvokeHandlers, ReturnType<typeof vi.fn>>;
  handlers['settings:get'] = vi.fn(async () => SETTINGS);
  handlers['sync:now'] = vi.fn(async () => Promise.reject(new AppError('offline', 'No connection')));
  handlers['app:info'] = vi.fn(async () => Promise.reject(new TypeError('boom')));
  const ipcMain = new FakeIpcMain();
  const log = silentLog();
  let target: FakeWebContents | null = appWindow;
  const bridge = registerIpcBridge({
    ipcMain,
    dispatch: createInvokeDispatcher(handlers as unknown as InvokeHandlers, log),
    target: () => target,
    log,
    validateEvents: options.validateEvents ?? true,
  });
  const invoke = (event: InvokeSender, channel: unknown, payload: unknown) => {
    const listener = ipcMain.handlers.get(INVOKE_IPC_CHANNEL);
    if (!listener) throw new Error('no handler registered');
    return listener(event, channel, payload) as Promise<InvokeResult<unknown>>;
  };
  const fromApp = (): InvokeSender => ({ sender: { id: appWindow.id }, senderFrame: appWindow.mainFrame });
  return {
    appWindow,
    handlers,
    ipcMain,
    log,
    bridge,
    invoke,
    fromApp,
    setTarget: (t: FakeWebContents | null) => (target = t),
  };
}

describe('IPC bridge: invoke', () => {
  it('registers one invoke channel and passes a trusted request to the core', async () => {
    const { ipcMain, invoke, fromApp, handlers } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_IPC_CHANNEL]);
    await expect(invoke(fromApp(), 'settings:get', {})).resolves.toEqual({ ok: true, value: SETTINGS });
    expect(handlers['settings:get']).toHaveBeenCalledTimes(1);
  });

  const forged: Array<[string, (s: ReturnType<typeof setup>) => InvokeSender]> = [
    ['another webContents', () => ({ sender: { id: 2 }, senderFrame: new FakeWebContents(2).mainFrame })],
    [
      'a subframe of the app window',
      ({ appWindow }) => ({
        sender: { id: appWindow.id },
        senderFrame: { url: 'app://partner-desk/index.html', parent: appWindow.mainFrame, processId: 7, routingId: 99 },
      }),
    ],
    [
      'a frame claiming the main routing id but having a parent',
      ({ appWindow }) => ({ sender: { id: appWindow.id }, senderFrame: { ...appWindow.mainFrame, parent: {} } }),
    ],
    [
      'the main frame showing a non-app page',
      ({ appWindow }) => {
        appWindow.mainFrame.url = 'https://evil.example/';
        return { sender: { id: appWindow.id }, senderFrame: appWindow.mainFrame };
      },
    ],
    [
      'an app-lookalike host',
      ({ appWindow }) => {
        appWindow.mainFrame.url = 'app://partner-desk.evil/index.html';
        return { sender: { id: appWindow.id }, senderFrame: appWindow.mainFrame };
      },
    ],
    ['a frame that is gone', ({ appWindow }) => ({ sender: { id: appWindow.id }, senderFrame: null })],
  ];

  it.each(forged)('refuses %s with bad_request, logs it, and never calls the core', async (_name, makeSender) => {
    const s = setup();
    const result = await s.invoke(makeSender(s), 'settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(s.handlers['settings:get']).not.toHaveBeenCalled();
    expect(s.log.warn).toHaveBeenCalledWith('Refused an IPC request from an untrusted sender', expect.any(Object));
  });

  it('refuses everything when the window is gone', async () => {
    const s = setup();
    s.appWindow.destroyed = true;
    await expect(s.invoke(s.fromApp(), 'settings:get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    s.setTarget(null);
    await expect(s.invoke(s.fromApp(), 'settings:get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(s.handlers['settings:get']).not.toHaveBeenCalled();
  });

  it('refuses a malformed payload or unknown channel without calling a handler', async () => {
    const s = setup();
    const bad = await s.invoke(s.fromApp(), 'cases:query', { domain: '../../etc', pageSize: 'lots' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(s.handlers['cases:query']).not.toHaveBeenCalled();
    for (const channel of ['nope', 42, null, '__proto__', 'constructor']) {
      await expect(s.invoke(s.fromApp(), channel, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    }
  });

  it('refuses a 10,000-level array as a channel with bad_request, from the app or a forged sender (found by the IPC fuzz)', async () => {
    let deep: unknown = ['case:get'];
    for (let level = 1; level < 10_000; level++) deep = [deep];
    const s = setup();
    await expect(s.invoke(s.fromApp(), deep, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: 'Unknown channel: (an array)' },
    });
    const forged = await s.invoke({ sender: { id: 2 }, senderFrame: new FakeWebContents(2).mainFrame }, deep, {});
    expect(forged).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(s.log.warn).toHaveBeenCalledWith(
      'Refused an IPC request from an untrusted sender',
      expect.objectContaining({ channel: '(an array)' }),
    );
    expect(s.log.error).not.toHaveBeenCalled();
  });

  it('never throws: core errors become envelopes with their code, bugs become internal', async () => {
    const s = setup();
    await expect(s.invoke(s.fromApp(), 'sync:now', { domain: 'northwind-reseller.example' })).resolves.toEqual({
      ok: false,
      error: { code: 'offline', message: 'No connection' },
    });
    await expect(s.invoke(s.fromApp(), 'app:info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('survives a sender object that throws when read', async () => {
    const s = setup();
    const hostile = {
      sender: { id: 1 },
      get senderFrame(): never {
        throw new Error('frame disposed');
      },
    };
    await expect(s.invoke(hostile, 'settings:get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(s.handlers['settings:get']).not.toHaveBeenCalled();
  });

  it('unregisters on dispose', () => {
    const s = setup();
    s.bridge.dispose();
    expect(s.ipcMain.handlers.size).toBe(0);
  });
});

describe('IPC bridge: events', () => {
  it('sends contract events to the app window only', () => {
    const s = setup();
    s.bridge.sendEvent('notification:open', { domain: 'northwind-reseller.example', name: 'organizations/1/cases/2' });
    expect(s.appWindow.sent).toEqual([
      [
        EVENT_IPC_CHANNEL,
        'notification:open',
        { domain: 'northwind-reseller.example', name: 'organizations/1/cases/2' },
      ],
    ]);
  });

  it('in development, drops and logs an event whose payload breaks the contract', () => {
    const s = setup({ validateEvents: true });
    s.bridge.sendEvent('settings:changed', { language: 'de', theme: 'dark' } as never);
    expect(s.appWindow.sent).toEqual([]);
    expect(s.log.error).toHaveBeenCalledWith(expect.stringMatching(/settings:changed/), expect.anything());
  });

  it('does not validate in production builds', () => {
    const s = setup({ validateEvents: false });
    s.bridge.sendEvent('cases:changed', { domain: 'a.example' });
    expect(s.appWindow.sent).toHaveLength(1);
  });

  it('drops events while there is no window, and survives a failing send', () => {
    const s = setup();
    s.setTarget(null);
    s.bridge.sendEvent('cases:changed', { domain: 'a.example' });
    const broken = new FakeWebContents(1);
    broken.send = () => {
      throw new Error('render frame disposed');
    };
    s.setTarget(broken);
    expect(() => s.bridge.sendEvent('cases:changed', { domain: 'a.example' })).not.toThrow();
    expect(s.log.error).toHaveBeenCalled();
  });
});
