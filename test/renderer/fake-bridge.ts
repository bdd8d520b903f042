import type { PartnerDeskBridge } from '../../shared/ipc/contract';

// Handlers take whatever request their channel gets; tests type them per channel.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FakeHandlers = Record<string, (request: any) => unknown>;

export interface FakeBridge extends PartnerDeskBridge {
  /** Every invoke, in order. */
  calls: { channel: string; request: unknown }[];
  /** Sends an event to the listeners, as main would. */
  emit(channel: string, payload: unknown): void;
  listenerCount(): number;
}

/**
 * A bridge answering from handlers with the contract's envelope: a handler's return value
 * becomes {ok:true}, a thrown {code,message} becomes {ok:false}. A handler may return a
 * promise to answer later (tests drive the order of answers).
 */
export function createFakeBridge(handlers: FakeHandlers): FakeBridge {
  const listeners = new Map<number, { channel: string; listener: (payload: unknown) => void }>();
  let nextId = 1;
  const calls: FakeBridge['calls'] = [];
  return {
    calls,
    async invoke(channel, request) {
      calls.push({ channel, request });
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'bad_request', message: `no handler for ${channel}` } };
      try {
        return { ok: true, value: await handler(request) };
      } catch (error) {
        return { ok: false, error };
      }
    },
    on(channel, listener) {
      const id = nextId++;
      listeners.set(id, { channel, listener });
      return id;
    },
    off(id) {
      listeners.delete(id);
    },
    stageDroppedFile: async () => ({ ok: false, error: { code: 'bad_request', message: 'no file' } }),
    emit(channel, payload) {
      for (const entry of [...listeners.values()]) if (entry.channel === channel) entry.listener(payload);
    },
    listenerCount: () => listeners.size,
  };
}

/** A promise resolved from outside, to answer requests in a chosen order. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
