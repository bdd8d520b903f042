import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { describeFailure, LOG_WRITE_MAX_CHARS, reportUncaughtFailures } from '../../renderer/ipc/renderer-log';
import { createAccountsStore } from '../../renderer/store/accounts-store';
import { AppError } from '../../shared/app-error';
import { createFakeBridge, type FakeBridge } from './fake-bridge';

const written = (bridge: FakeBridge) =>
  bridge.calls.filter((call) => call.channel === 'log:write').map((call) => call.request);

describe('renderer log', () => {
  beforeEach(() => {
    // The devtools mirror: kept quiet here, checked where it matters.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('sends a failure through log:write with its level, code and stack', async () => {
    const bridge = createFakeBridge({ 'log:write': () => ({}) });
    const client = createPartnerDeskClient(bridge);
    client.log.warn('filters:get failed', new AppError('offline', 'No connection'));
    client.log.error('plain', { status: 7 });
    await vi.waitFor(() => expect(written(bridge)).toHaveLength(2));
    const [first, second] = written(bridge) as { level: string; message: string }[];
    expect(first!.level).toBe('warn');
    expect(first!.message).toMatch(/^filters:get failed: offline: AppError: No connection\n\s+at /);
    expect(second).toEqual({ level: 'error', message: 'plain: {"status":7}' });
  });

  it('cuts a message to what the contract accepts', () => {
    const text = describeFailure('x'.repeat(LOG_WRITE_MAX_CHARS * 2));
    expect(text).toHaveLength(LOG_WRITE_MAX_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });

  it('only mirrors to the console when log:write itself fails (no loop)', async () => {
    const bridge = createFakeBridge({
      'log:write': () => {
        throw { code: 'internal', message: 'main is gone' };
      },
    });
    const client = createPartnerDeskClient(bridge);
    client.log.error('boom');
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledWith('log:write failed', expect.any(AppError)));
    expect(written(bridge)).toHaveLength(1);
  });

  it("sends the window's uncaught errors and unhandled rejections until unsubscribed", async () => {
    const bridge = createFakeBridge({ 'log:write': () => ({}) });
    const client = createPartnerDeskClient(bridge);
    const window = new EventTarget();
    const stop = reportUncaughtFailures(window as unknown as Window, client.log);
    const error = new TypeError('x is undefined');
    window.dispatchEvent(
      Object.assign(new Event('error'), {
        message: 'x is undefined',
        filename: 'app://app/main.js',
        lineno: 3,
        colno: 9,
        error,
      }),
    );
    window.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'nope' }));
    stop();
    window.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'after stop' }));
    await vi.waitFor(() => expect(written(bridge)).toHaveLength(2));
    const messages = (written(bridge) as { message: string }[]).map((request) => request.message);
    expect(messages[0]).toMatch(
      /^Uncaught error \(app:\/\/app\/main\.js:3:9\): x is undefined: TypeError: x is undefined/,
    );
    expect(messages[1]).toBe('Unhandled promise rejection: "nope"');
  });

  it('logs a caught store failure (a refused reorder) instead of only the console', async () => {
    const bridge = createFakeBridge({
      'log:write': () => ({}),
      'accounts:list': () =>
        ['a.example', 'b.example'].map((domain) => ({
          domain,
          email: `x@${domain}`,
          displayName: 'X',
          status: 'signed_in',
          attentionCount: 0,
        })),
      'accounts:reorder': () => {
        throw { code: 'offline', message: 'No connection' };
      },
    });
    const store = createAccountsStore(createPartnerDeskClient(bridge));
    await store.getState().load();
    await store.getState().moveTo('a.example', 'b.example');
    await vi.waitFor(() => expect(written(bridge)).toHaveLength(1));
    expect(written(bridge)[0]).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/^accounts:reorder failed: offline/),
    });
  });
});
