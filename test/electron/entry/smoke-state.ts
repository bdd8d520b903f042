/** What the fake Electron runtime records while main/index.ts runs on it. */
export interface FakeFrame {
  url: string;
  parent: null;
  processId: number;
  routingId: number;
}

export interface FakeContentsLike {
  id: number;
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
}

export type InvokeListener = (event: unknown, ...args: unknown[]) => Promise<unknown>;
export type PermissionCheck = (...args: unknown[]) => boolean;

export const smokeState = {
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  invokeHandlers: new Map<string, InvokeListener>(),
  partitions: new Map<string, { permissionCheck: PermissionCheck | undefined }>(),
  defaultPermissionCheck: undefined as PermissionCheck | undefined,
  windowOptions: [] as unknown[],
  loadedUrls: [] as string[],
  sentEvents: [] as string[],
  opened: [] as string[],
  signInLandings: [] as number[],
  menuLabels: [] as unknown[],
  errorBoxes: [] as string[],
  /** notification:open payloads sent to the window. */
  openedCases: [] as unknown[],
  windowFocus: 0,
  protocolClients: [] as string[],
  badgeCounts: [] as number[],
  trayToolTips: [] as string[],
  notificationsSupported: 0,
  /** app.relaunch calls (the crash guard's restart). */
  relaunches: 0,
};
