import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';

/** A WebContents stand-in that records the listeners and the window-open handler it is given. */
export class FakeWebContents {
  readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  readonly sent: unknown[][] = [];
  destroyed = false;
  mainFrame: { url: string; parent: null; processId: number; routingId: number };

  constructor(
    readonly id: number,
    url = 'app://partner-desk/index.html',
  ) {
    this.mainFrame = { url, parent: null, processId: 7, routingId: id };
  }

  on(event: string, listener: (...args: never[]) => void): this {
    const stored = listener as (...args: unknown[]) => void;
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), stored]);
    return this;
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  reloads = 0;
  reload(): void {
    this.reloads++;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  send(...args: unknown[]): void {
    this.sent.push(args);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Emits `event` with a cancellable event object; returns whether a listener prevented it. */
  emitCancellable(event: string, url: string): boolean {
    let prevented = false;
    const electronEvent = { url, preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) listener(electronEvent);
    return prevented;
  }
}

export function openDetails(url: string): HandlerDetails {
  return {
    url,
    frameName: '',
    features: '',
    disposition: 'foreground-tab',
    referrer: { url: '', policy: 'no-referrer' },
  };
}
