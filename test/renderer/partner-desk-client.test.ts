import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error';
import type { PartnerDeskBridge } from '../../shared/ipc/contract';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createFakeBridge } from './fake-bridge';

const account = { domain: 'a.example', email: 'x@a.example', displayName: 'X', status: 'signed_in', attentionCount: 2 };

describe('partner desk client', () => {
  it('returns the value of an ok envelope, checked against the contract', async () => {
    const client = createPartnerDeskClient(createFakeBridge({ 'accounts:list': () => [account] }));
    await expect(client.invoke('accounts:list', {})).resolves.toEqual([account]);
  });

  it('throws the envelope’s error as an AppError with code and detail', async () => {
    const client = createPartnerDeskClient(
      createFakeBridge({
        'customers:list': () => {
          throw { code: 'missing_privilege', message: 'no', detail: { privilege: 'Support' } };
        },
      }),
    );
    const error = await client.invoke('customers:list', { domain: 'a.example' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('missing_privilege');
    expect((error as AppError).detail).toEqual({ privilege: 'Support' });
  });

  const bridge = (invoke: PartnerDeskBridge['invoke'], extra: Partial<PartnerDeskBridge> = {}): PartnerDeskBridge => ({
    invoke,
    on: () => 0,
    off: () => {},
    stageDroppedFile: async () => ({ ok: false, error: { code: 'bad_request', message: 'no file' } }),
    ...extra,
  });

  it('turns a malformed envelope or an off-contract value into an internal error', async () => {
    const cases = [bridge(async () => 'garbage'), bridge(async () => ({ ok: true, value: [{ domain: 42 }] }))];
    for (const b of cases) {
      const error = await createPartnerDeskClient(b)
        .invoke('accounts:list', {})
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('internal');
    }
  });

  it('a broken transport is the core lost, never "offline", and an answer later says it is back', async () => {
    let broken = true;
    const client = createPartnerDeskClient(
      bridge(async () => {
        if (broken) throw new Error('socket closed');
        return { ok: true, value: [] };
      }),
    );
    const told: boolean[] = [];
    client.onCoreLost((lost) => told.push(lost));
    const error = await client.invoke('accounts:list', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('core_lost');
    await client.invoke('accounts:list', {}).catch(() => undefined);
    expect(told).toEqual([true]);
    broken = false;
    await client.invoke('accounts:list', {});
    expect(told).toEqual([true, false]);
  });

  it('hears from the bridge that the core went away, without an invoke failing first', () => {
    let lose: () => void = () => undefined;
    const client = createPartnerDeskClient(
      bridge(async () => ({ ok: true, value: [] }), {
        onCoreLost: (listener) => {
          lose = listener;
        },
      }),
    );
    const told: boolean[] = [];
    client.onCoreLost((lost) => told.push(lost));
    lose();
    expect(told).toEqual([true]);
  });

  it('stages a dropped file through the bridge, checked against files:dropped, errors as AppError', async () => {
    const staged = { fileId: 'f1', filename: 'log.txt', sizeBytes: 3, mimeType: 'text/plain' };
    const answers: unknown[] = [
      { ok: true, value: staged },
      { ok: true, value: { fileId: 'f1' } },
      { ok: false, error: { code: 'too_large', message: 'big', detail: { maxBytes: '10' } } },
    ];
    const files: File[] = [];
    const client = createPartnerDeskClient({
      ...createFakeBridge({}),
      async stageDroppedFile(file) {
        files.push(file);
        return answers.shift();
      },
    });
    const file = new File(['abc'], 'log.txt');
    await expect(client.stageDroppedFile(file)).resolves.toEqual(staged);
    expect(files).toEqual([file]);
    await expect(client.stageDroppedFile(file)).rejects.toMatchObject({ code: 'internal' });
    const error = await client.stageDroppedFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'too_large', detail: { maxBytes: '10' } });
  });

  it('delivers valid events, drops malformed ones, and unsubscribes', () => {
    const bridge = createFakeBridge({});
    const client = createPartnerDeskClient(bridge);
    const seen: unknown[] = [];
    const errors = console.error;
    console.error = () => {};
    try {
      const off = client.on('cases:changed', (payload) => seen.push(payload));
      bridge.emit('cases:changed', { domain: 'a.example' });
      bridge.emit('cases:changed', { nope: true });
      off();
      bridge.emit('cases:changed', { domain: 'b.example' });
    } finally {
      console.error = errors;
    }
    expect(seen).toEqual([{ domain: 'a.example' }]);
    expect(bridge.listenerCount()).toBe(0);
  });
});
