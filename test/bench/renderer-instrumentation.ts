/**
 * Injected into the page before any script (Playwright init script), so it sees the
 * preview bridge's WebSocket from its first frame. It timestamps, on the page's own
 * clock: each cases:query the renderer sends and when its answer was handed to the
 * renderer; the first case row appearing; and, per armed keystroke, the time from
 * keydown to the first frame painted after the rows for the typed keyword arrived.
 * "Painted" = a message posted from requestAnimationFrame: it runs after that frame.
 * The bench's trivial page has no socket: it says itself when its rows are rewritten
 * (`updated`), and the same keydown → frame after the update is taken. It also counts
 * the cases:changed events the page received (a sync merging changes).
 *
 * Self-contained on purpose: Playwright serializes the function into the page.
 */
export function installRendererInstrumentation(): void {
  interface KeystrokeTiming {
    totalMs: number;
    inputMs: number;
    ipcMs: number;
    paintMs: number;
  }
  interface Query {
    keyword: string;
    sentAt: number;
  }
  interface Armed {
    value: string;
    keydownAt: number | null;
    resolve: (timing: KeystrokeTiming) => void;
  }
  const queries = new Map<number, Query>();
  const state = {
    firstAskAt: null as number | null,
    firstRowsPaintedAt: null as number | null,
    casesChanged: 0,
    armed: null as Armed | null,
    result: null as Promise<KeystrokeTiming> | null,
  };

  const afterNextPaint = (then: (at: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(performance.now());
      channel.port2.postMessage(null);
    });

  const settle = (armed: Armed, sentAt: number, answeredAt: number) => {
    state.armed = null;
    const keydownAt = armed.keydownAt!;
    afterNextPaint((at) =>
      armed.resolve({
        totalMs: at - keydownAt,
        inputMs: sentAt - keydownAt,
        ipcMs: answeredAt - sentAt,
        paintMs: at - answeredAt,
      }),
    );
  };

  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (typeof data === 'string' && data.includes('"channel":"cases:query"')) {
      const frame = JSON.parse(data) as { id: number; request?: { filters?: { keyword?: string } } };
      const sentAt = performance.now();
      queries.set(frame.id, { keyword: frame.request?.filters?.keyword ?? '', sentAt });
      state.firstAskAt ??= sentAt;
    }
    return send.call(this, data);
  };

  const addEventListener = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (
    this: WebSocket,
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (type !== 'message' || typeof listener !== 'function')
      return addEventListener.call(this, type, listener, options);
    const observed = function (this: WebSocket, event: Event) {
      listener.call(this, event);
      // The bridge has resolved the invoke; the renderer's update runs in the microtasks that follow.
      const data = (event as MessageEvent).data;
      if (typeof data === 'string' && data.startsWith('{"type":"event","channel":"cases:changed"')) {
        state.casesChanged += 1;
      }
      const match = typeof data === 'string' ? /^\{"type":"result","id":(\d+)/.exec(data) : null;
      const query = match ? queries.get(Number(match[1])) : undefined;
      const armed = state.armed;
      if (!query || !armed || armed.keydownAt === null || query.keyword !== armed.value) return;
      if (query.sentAt < armed.keydownAt) return;
      settle(armed, query.sentAt, performance.now());
    };
    return addEventListener.call(this, type, observed, options);
  };

  window.addEventListener(
    'keydown',
    (event) => {
      if (state.armed && state.armed.keydownAt === null) state.armed.keydownAt = event.timeStamp;
    },
    { capture: true },
  );

  new MutationObserver((_records, observer) => {
    if (!document.querySelector('[data-testid="case-row"]')) return;
    observer.disconnect();
    afterNextPaint((at) => {
      state.firstRowsPaintedAt = at;
    });
  }).observe(document, { childList: true, subtree: true });

  Object.defineProperty(window, '__rendererBench', {
    value: {
      firstRowsMs: () =>
        state.firstAskAt !== null && state.firstRowsPaintedAt !== null
          ? state.firstRowsPaintedAt - state.firstAskAt
          : null,
      /** Arms the next keydown: `result()` then gives keydown → rows for `value` painted, in ms. */
      arm: (value: string) => {
        state.result = new Promise<KeystrokeTiming>((resolve) => {
          state.armed = { value, keydownAt: null, resolve };
        });
      },
      result: () => state.result,
      /** The trivial page rewrote its rows for `value` (no request: nothing between input and update). */
      updated: (value: string) => {
        const armed = state.armed;
        if (!armed || armed.keydownAt === null || armed.value !== value) return;
        const at = performance.now();
        settle(armed, at, at);
      },
      casesChanged: () => state.casesChanged,
      /** For a failure message: what the page saw so far. */
      describe: () =>
        JSON.stringify({
          firstAskAt: state.firstAskAt,
          firstRowsPaintedAt: state.firstRowsPaintedAt,
          queriesSent: queries.size,
          rows: document.querySelectorAll('[data-testid="case-row"]').length,
        }),
    },
  });
}

/** keydown → painted = keydown → cases:query sent + its round trip + answer → painted. */
export interface KeystrokeTiming {
  totalMs: number;
  inputMs: number;
  ipcMs: number;
  paintMs: number;
}

export interface RendererBenchHandle {
  firstRowsMs(): number | null;
  arm(value: string): void;
  result(): Promise<KeystrokeTiming> | null;
  updated(value: string): void;
  casesChanged(): number;
  describe(): string;
}
