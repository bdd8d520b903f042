import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PartnerDeskBridge } from '../../shared/ipc/contract';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL } from '../../main/electron/ipc-channels';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The electron module as a sandboxed preload sees it, reduced to what the preload uses. */
const electron = vi.hoisted(() => {
  const state = {
    exposed: new Map<string, unknown>(),
    ipcListeners: new Map<string, IpcListener[]>(),
    invoked: [] as unknown[][],
  };
  return {
    state,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        state.invoked.push(args);
        return { ok: true, value: 'envelope as-is' };
      },
      on(channel: string, listener: IpcListener) {
        state.ipcListeners.set(channel, [...(state.ipcListeners.get(channel) ?? []), listener]);
        return this;
      },
    },
    webUtils: {
      getPathForFile(file: { name?: unknown }) {
        if (typeof file?.name !== 'string') throw new TypeError('not a File');
        return file.name ? `/home/me/${file.name}` : '';
      },
    },
  };
});
vi.mock('electron', () => electron);

let bridge: PartnerDeskBridge;

function emit(channel: unknown, payload: unknown) {
  for (const listener of electron.state.ipcListeners.get(EVENT_IPC_CHANNEL) ?? []) listener({}, channel, payload);
}

beforeEach(async () => {
  vi.resetModules();
  electron.state.exposed.clear();
  electron.state.ipcListeners.clear();
  electron.state.invoked.length = 0;
  await import('../../main/preload');
  bridge = electron.state.exposed.get('partnerDesk') as PartnerDeskBridge;
});

describe('preload', () => {
  it('exposes exactly invoke, on, off and stageDroppedFile on window.partnerDesk, and nothing else', () => {
    expect([...electron.state.exposed.keys()]).toEqual(['partnerDesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'off', 'on', 'stageDroppedFile']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('sends invokes over the single invoke channel and returns the envelope as-is', async () => {
    await expect(bridge.invoke('settings:get', {})).resolves.toEqual({ ok: true, value: 'envelope as-is' });
    expect(electron.state.invoked).toEqual([[INVOKE_IPC_CHANNEL, 'settings:get', {}]]);
  });

  it('delivers events to the listeners of their channel until they unsubscribe', () => {
    const opened: unknown[] = [];
    const changed: unknown[] = [];
    const first = bridge.on('notification:open', (payload) => opened.push(payload));
    bridge.on('cases:changed', (payload) => changed.push(payload));
    emit('notification:open', { domain: 'a.example', name: 'organizations/1/cases/2' });
    emit('cases:changed', { domain: 'a.example' });
    emit('settings:changed', { language: 'fr', theme: 'dark' });
    expect(opened).toEqual([{ domain: 'a.example', name: 'organizations/1/cases/2' }]);
    expect(changed).toEqual([{ domain: 'a.example' }]);
    bridge.off(first);
    emit('notification:open', { domain: 'a.example', name: 'organizations/1/cases/3' });
    expect(opened).toHaveLength(1);
    expect(changed).toHaveLength(1);
  });

  it('gives distinct ids, even for the same function subscribed twice', () => {
    const calls: unknown[] = [];
    const listener = (payload: unknown) => calls.push(payload);
    const a = bridge.on('cases:changed', listener);
    const b = bridge.on('cases:changed', listener);
    expect(a).not.toBe(b);
    bridge.off(a);
    emit('cases:changed', { domain: 'a.example' });
    expect(calls).toHaveLength(1);
  });

  it('rejects unknown event channels and non-function listeners', () => {
    expect(() => bridge.on('ipc:anything', () => undefined)).toThrow(/unknown event channel/);
    expect(() => bridge.on('__proto__', () => undefined)).toThrow(/unknown event channel/);
    expect(() => bridge.on('cases:changed', 'alert(1)' as unknown as () => void)).toThrow(/must be a function/);
  });

  it('keeps delivering when one listener throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const calls: unknown[] = [];
    bridge.on('cases:changed', () => {
      throw new Error('listener bug');
    });
    bridge.on('cases:changed', (payload) => calls.push(payload));
    expect(() => emit('cases:changed', { domain: 'a.example' })).not.toThrow();
    expect(calls).toHaveLength(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('stages a dropped file by the path webUtils gives, on files:dropped', async () => {
    await expect(bridge.stageDroppedFile({ name: 'report.pdf' } as File)).resolves.toEqual({
      ok: true,
      value: 'envelope as-is',
    });
    expect(electron.state.invoked).toEqual([[INVOKE_IPC_CHANNEL, 'files:dropped', { path: '/home/me/report.pdf' }]]);
  });

  it('refuses a File with no path on disk without asking main', async () => {
    await expect(bridge.stageDroppedFile({ name: '' } as File)).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    await expect(bridge.stageDroppedFile('/etc/passwd' as unknown as File)).resolves.toMatchObject({ ok: false });
    expect(electron.state.invoked).toEqual([]);
  });

  it('refuses files:dropped through the generic invoke: the renderer cannot name a path', async () => {
    await expect(bridge.invoke('files:dropped', { path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(electron.state.invoked).toEqual([]);
  });
});

describe('preload-only channels', () => {
  it("are the contract's PRELOAD_ONLY_CHANNELS", async () => {
    const { PRELOAD_ONLY_CHANNELS } = await import('../../shared/ipc/contract');
    const { PRELOAD_ONLY_INVOKE_CHANNELS } = await import('../../main/electron/ipc-channels');
    expect([...PRELOAD_ONLY_INVOKE_CHANNELS].sort()).toEqual([...PRELOAD_ONLY_CHANNELS].sort());
  });
});

describe('preload event channels', () => {
  it('accepts every event channel of the contract', async () => {
    const { eventChannels } = await import('../../shared/ipc/contract');
    for (const channel of Object.keys(eventChannels)) expect(() => bridge.on(channel, () => undefined)).not.toThrow();
  });
});
