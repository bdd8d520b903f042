import type { EventEmitter } from 'node:events';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../../main/emulator';
import { smokeState, type FakeContentsLike } from './smoke-state';

export const RESULT_PREFIX = 'PD_SMOKE_RESULT ';

/**
 * Runs once the app window loaded: plays the renderer's part through the registered
 * protocol and IPC handlers, prints what happened as one JSON line, then quits the app.
 */
export async function runEntryScenario(contents: FakeContentsLike, app: EventEmitter, quit: () => void): Promise<void> {
  const result: Record<string, unknown> = {};
  try {
    const serve = smokeState.protocolHandlers.get('app');
    const invoke = smokeState.invokeHandlers.get('partner-desk:invoke');
    if (!serve || !invoke) throw new Error('the app:// protocol or the invoke handler was not registered');

    const page = await serve(new Request('app://partner-desk/index.html'));
    result.page = { status: page.status, csp: page.headers.get('content-security-policy'), html: await page.text() };
    result.traversal = (await serve(new Request('app://partner-desk/..%2f..%2fpackage.json'))).status;

    const trusted = { sender: { id: contents.id }, senderFrame: contents.mainFrame };
    const forged = { sender: { id: 2 }, senderFrame: { ...contents.mainFrame, routingId: 2 } };
    result.appInfo = await invoke(trusted, 'app:info', {});
    result.forged = await invoke(forged, 'app:info', {});
    result.malformed = await invoke(trusted, 'account:signIn', { domain: '../etc' });
    // Against real Google there is no browser to complete a sign-in here.
    if (process.env.PD_SMOKE_SIGN_IN !== '0') {
      result.signIn = await invoke(trusted, 'account:signIn', { domain: NORTHWIND_DOMAIN });
      result.accounts = await invoke(trusted, 'accounts:list', {});
      // A notification's link from a second instance, and macOS' open-url: only a signed-in domain opens.
      const name = 'organizations/1/cases/2';
      const focusBefore = smokeState.windowFocus;
      app.emit('second-instance', {}, [
        '/opt/Partner Desk/partner-desk',
        `partnerdesk://open?domain=${LUMIERE_DOMAIN}`,
      ]);
      app.emit('second-instance', {}, [
        '/opt/Partner Desk/partner-desk',
        `partnerdesk://open?domain=${NORTHWIND_DOMAIN}&case=${encodeURIComponent(name)}`,
      ]);
      app.emit('open-url', { preventDefault: () => undefined }, `partnerdesk://open?domain=${NORTHWIND_DOMAIN}`);
      result.linkFocus = smokeState.windowFocus - focusBefore;
    }
    result.windowOpen = contents.windowOpenHandler?.({ url: 'http://evil.example/' });
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  const permissionChecks = [
    smokeState.defaultPermissionCheck,
    ...[...smokeState.partitions.values()].map((p) => p.permissionCheck),
  ];
  Object.assign(result, {
    privilegedSchemes: smokeState.privilegedSchemes,
    windowOptions: smokeState.windowOptions,
    loadedUrls: smokeState.loadedUrls,
    partitions: [...smokeState.partitions.keys()],
    permissionsGranted: permissionChecks.map((check) =>
      check ? check(null, 'media', 'app://partner-desk', {}) : 'no handler',
    ),
    sentEvents: [...new Set(smokeState.sentEvents)],
    opened: smokeState.opened,
    signInLandings: smokeState.signInLandings,
    menuLabels: smokeState.menuLabels,
    errorBoxes: smokeState.errorBoxes,
    messageBoxes: smokeState.messageBoxes,
    openedCases: smokeState.openedCases,
    protocolClients: smokeState.protocolClients,
    trayToolTips: smokeState.trayToolTips,
    badgeCounts: smokeState.badgeCounts,
    notificationsSupported: smokeState.notificationsSupported,
  });
  console.log(RESULT_PREFIX + JSON.stringify(result));
  quit();
}
