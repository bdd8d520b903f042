import { AppError } from '../../../shared/app-error';

/**
 * Why a store of sign-ins failed, as detail.reason of a keychain_unavailable error:
 * - no_secret_service: no Secret Service answers on D-Bus (a Linux desktop without
 *   GNOME Keyring or a KWallet that provides it, no D-Bus session, a keyring that cannot
 *   prompt to be unlocked);
 * - load_failed: keytar's native module did not load (libsecret missing, built for
 *   another runtime);
 * - unreadable: an entry is there but cannot be decrypted or belongs to no account;
 * - not_kept: the sign-in was kept in memory only, by a run that has ended;
 * - keychain_error: anything else the keychain answered (the message says what).
 */
export type KeychainFailureReason = 'no_secret_service' | 'load_failed' | 'unreadable' | 'not_kept' | 'keychain_error';

/**
 * What libsecret (through keytar) answers when no Secret Service can be reached, as seen
 * on Debian with each setup: no D-Bus session and no $DISPLAY, DBUS_SESSION_BUS_ADDRESS
 * "disabled:" or pointing nowhere, no service providing org.freedesktop.secrets, a
 * KWallet without its Secret Service interface, gnome-keyring without a login keyring
 * and no prompter to create one, dbus-launch failing.
 */
const NO_SECRET_SERVICE = [
  /Cannot autolaunch D-Bus/i,
  /org\.freedesktop\.secrets was not provided/i,
  /org\.freedesktop\.DBus\.Error\.ServiceUnknown/i,
  /No such interface/i,
  /Unknown or unsupported transport/i,
  /Could not connect/i,
  /Object does not exist at path/i,
  /Error spawning command line/i,
  /couldn.t initialize prompt/i,
];

/** What Node says when keytar's native module cannot be loaded. */
const LOAD_FAILED = [
  /keytar\.node/i,
  /cannot open shared object file/i,
  /NODE_MODULE_VERSION/,
  /Cannot find module/i,
  /invalid ELF header/i,
  /dlopen/i,
];

export function keychainFailureReason(error: unknown): KeychainFailureReason {
  const message = error instanceof Error ? error.message : String(error);
  if (NO_SECRET_SERVICE.some((pattern) => pattern.test(message))) return 'no_secret_service';
  if (LOAD_FAILED.some((pattern) => pattern.test(message))) return 'load_failed';
  return 'keychain_error';
}

/**
 * The error the core and the renderer see instead of the keychain's raw one: worded
 * from its code in the user's language, with where the secret was kept (`store`:
 * keytar, safeStorage:<backend> or memory) and why it failed. The keychain's own message
 * stays in `message`, for the log: it never holds a secret.
 */
export function keychainUnavailable(store: string, reason: KeychainFailureReason, cause?: unknown): AppError {
  const said = cause === undefined ? '' : `: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new AppError(
    'keychain_unavailable',
    `The store of sign-ins (${store}) failed (${reason})${said}`,
    { store, reason },
    { cause },
  );
}
