import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/core/app-core';
import { logHandlers, RENDERER_LOG_ENTRIES_PER_MINUTE, RENDERER_LOG_MAX_CHARS } from '../../main/core/ipc/handlers/log';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import type { Logger } from '../../main/core/ports';
import { emulatorEndpoints } from '../../main/google-wire/google-types';
import { ManualClock } from '../helpers/manual-clock';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memory-stores';

function recordingLogger() {
  const entries: { level: keyof Logger; message: string }[] = [];
  const log: Logger = {
    info: (message) => entries.push({ level: 'info', message }),
    warn: (message) => entries.push({ level: 'warn', message }),
    error: (message) => entries.push({ level: 'error', message }),
  };
  return { log, entries };
}

describe('log:write', () => {
  it('writes renderer failures at their level, marked as the renderer’s', async () => {
    const { log, entries } = recordingLogger();
    const handlers = logHandlers({ log, clock: new ManualClock() });
    await handlers['log:write']({ level: 'warn', message: 'filters:get failed' });
    await handlers['log:write']({ level: 'error', message: 'Uncaught error: boom' });
    expect(entries).toEqual([
      { level: 'warn', message: 'renderer: filters:get failed' },
      { level: 'error', message: 'renderer: Uncaught error: boom' },
    ]);
  });

  it('cuts long messages and indents their later lines, so they cannot forge an entry', async () => {
    const { log, entries } = recordingLogger();
    const handlers = logHandlers({ log, clock: new ManualClock() });
    const forged = 'x\n2026-03-02T09:00:00.000Z INFO Signed in\r\u001b[31m';
    await handlers['log:write']({ level: 'error', message: forged });
    await handlers['log:write']({ level: 'error', message: 'y'.repeat(RENDERER_LOG_MAX_CHARS + 500) });
    expect(entries[0]!.message).toBe('renderer: x\n    2026-03-02T09:00:00.000Z INFO Signed in[31m');
    expect(entries[1]!.message).toBe(`renderer: ${'y'.repeat(RENDERER_LOG_MAX_CHARS)}… (500 more characters)`);
  });

  it('keeps at most its quota a minute, then says how many it dropped', async () => {
    const { log, entries } = recordingLogger();
    const clock = new ManualClock();
    const handlers = logHandlers({ log, clock });
    for (let i = 0; i < RENDERER_LOG_ENTRIES_PER_MINUTE + 5; i += 1) {
      await handlers['log:write']({ level: 'error', message: `loop ${i}` });
    }
    expect(entries).toHaveLength(RENDERER_LOG_ENTRIES_PER_MINUTE);
    clock.advance(60_000);
    await handlers['log:write']({ level: 'warn', message: 'later' });
    expect(entries.slice(-2)).toEqual([
      { level: 'warn', message: 'renderer: 5 more log entries dropped in the last minute' },
      { level: 'warn', message: 'renderer: later' },
    ]);
  });

  it('is answered by the core through the dispatcher, and refuses what the contract refuses', async () => {
    const { log, entries } = recordingLogger();
    const unused = () => {
      throw new Error('log:write must not reach the network or the disk');
    };
    const core = createAppCore({
      backend: { kind: 'demo', endpoints: emulatorEndpoints('http://127.0.0.1:9'), oauthClientId: 'unused' },
      ports: {
        fetchForDomain: unused,
        clearDomainData: unused,
        secrets: new MemorySecretStore(),
        store: new MemoryKeyValueStore(),
        clock: new ManualClock(),
        openExternal: unused,
        files: { openForUpload: unused, createForDownload: unused, inspect: unused },
        dialogs: { chooseFilesToUpload: unused, chooseSaveLocation: unused },
        restartApp: unused,
      },
      dataDir: '/nonexistent',
      appInfo: { version: '0', systemLocale: 'en', platform: 'linux' },
      log,
    });
    const dispatch = createInvokeDispatcher(core.handlers, log);
    expect(await dispatch('log:write', { level: 'error', message: 'from the window' })).toEqual({
      ok: true,
      value: {},
    });
    expect(await dispatch('log:write', { level: 'info', message: 'not a failure level' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(entries).toEqual([{ level: 'error', message: 'renderer: from the window' }]);
  });
});
