/**
 * How the OS knows the app. Windows routes toasts (and their clicks from the Action
 * Center) by the AppUserModelID, which must equal electron-builder.yml's `appId` (the
 * installer's shortcuts carry it; test/electron/app-identity.test.ts keeps them equal).
 */
export const APP_USER_MODEL_ID = 'com.partnerdesk.app';

/**
 * The toast activator's COM class, fixed rather than generated per run, so a toast left in
 * the Action Center by an earlier run still activates this app (app.setToastActivatorCLSID,
 * which the installed Electron has).
 */
export const TOAST_ACTIVATOR_CLSID = '{7DF95BE5-0628-44D0-94C0-4521C2D58805}';

/** The links a notification starts the app with: partnerdesk://open?domain=…&case=… */
export const OPEN_LINK_SCHEME = 'partnerdesk';
