import { AppError } from '../../shared/app-error';
import type { EventChannel, EventPayload, EventSink, InvokeChannel, InvokeHandlers } from '../../shared/ipc/contract';
import { AccountManager } from './accounts/account-manager';
import type { ApiEndpoints } from './api/google-types';
import type { DomainAttachments } from './cases/attachments';
import { CaseLocaleStore } from './cases/case-locale-store';
import { StagedFiles } from './files/staged-files';
import { Transfers } from './files/transfers';
import { createAttachmentHandlers } from './ipc/handlers/attachments';
import { caseActionHandlers } from './ipc/handlers/case-actions';
import type {
  Clock,
  FetchLike,
  FileAccess,
  FileDialogs,
  KeyValueStore,
  Notifier,
  OpenExternal,
  SecretStore,
} from './ports';
import { PreferencesStore } from './settings/preferences-store';

export interface AppCoreLog {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export interface AppCoreOptions {
  backend: { kind: 'demo' | 'google'; endpoints: ApiEndpoints; oauthClientId: string; oauthClientSecret?: string };
  ports: {
    /** Electron: session.fromPartition('persist:domain:<domain>').fetch. */
    fetchForDomain(domain: string): FetchLike;
    /** Electron: clear that partition's storage and cache on sign-out. */
    clearDomainData(domain: string): Promise<void>;
    secrets: SecretStore;
    store: KeyValueStore;
    notifier: Notifier;
    clock: Clock;
    openExternal: OpenExternal;
    files: FileAccess;
    /** Native open and save dialogs (Electron's dialog module; scripted in tests and the preview). */
    dialogs: FileDialogs;
  };
  /** Where the per-domain case cache files live. */
  dataDir: string;
  appInfo: { version: string; systemLocale: string; platform: string };
  log?: AppCoreLog;
  /** Tuning for tests and the preview; the defaults suit the app. */
  tuning?: {
    syncIntervalMs?: number;
    signInTimeoutMs?: number;
    /** Largest file staged or uploaded; default Google's 50 MiB. */
    maxAttachmentBytes?: number;
  };
}

export interface AppCore {
  /** One handler per invoke channel of the contract; wire them through createInvokeDispatcher. */
  handlers: InvokeHandlers;
  /** Subscribes to every event of the contract; returns the unsubscribe. */
  onEvent(sink: EventSink): () => void;
  /** Restores the remembered domains (cache, then keychain) and starts their sync. */
  start(): Promise<void>;
  /** One domain's attachments: case:create uploads a new case's files with its uploadAll. */
  attachmentsFor(domain: string): DomainAttachments;
  /** Stops syncing, cancels a pending sign-in and saves the caches. */
  dispose(): Promise<void>;
}

/** Scaffolding while the case-actions work lands: every channel answers, with a clear refusal. */
function notBuiltYet<C extends InvokeChannel>(channels: C[]): Pick<InvokeHandlers, C> {
  return Object.fromEntries(
    channels.map((channel) => [
      channel,
      async () => {
        throw new AppError('internal', `${channel} is not available in this build.`);
      },
    ]),
  ) as unknown as Pick<InvokeHandlers, C>;
}

const SILENT_LOG: AppCoreLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The Electron-free application: accounts and their domain sessions, settings and
 * filters, behind the handlers of the IPC contract. Electron's IPC adapter and the
 * browser preview's WebSocket server both drive it the same way.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const log = options.log ?? SILENT_LOG;
  const { ports } = options;
  const sinks = new Set<EventSink>();
  const emit = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => {
    for (const sink of sinks) {
      try {
        sink(channel, payload);
      } catch (error) {
        log.error(`An event listener failed on ${channel}`, error);
      }
    }
  };
  const preferences = new PreferencesStore(ports.store);
  const caseLocales = new CaseLocaleStore(ports.store);
  const accounts = new AccountManager({
    // case:create hands a new case's staged files to this domain's attachments service.
    uploadAfterCreate: (domain) => async (caseName, uploads) => {
      await attachments.attachmentsFor(domain).uploadAll(caseName, uploads);
    },
    endpoints: options.backend.endpoints,
    oauthClientId: options.backend.oauthClientId,
    oauthClientSecret: options.backend.oauthClientSecret,
    fetchForDomain: (domain) => ports.fetchForDomain(domain),
    clearDomainData: (domain) => ports.clearDomainData(domain),
    secrets: ports.secrets,
    store: ports.store,
    clock: ports.clock,
    openExternal: ports.openExternal,
    dataDir: options.dataDir,
    log,
    signInTimeoutMs: options.tuning?.signInTimeoutMs,
    syncIntervalMs: options.tuning?.syncIntervalMs,
    events: {
      accountsChanged: (list) => emit('accounts:changed', { accounts: list }),
      casesChanged: (domain) => emit('cases:changed', { domain }),
      caseChanged: (domain, detail) => emit('case:changed', { domain, detail }),
      syncStatus: (status) => emit('sync:status', status),
    },
    onDomainRemoved: (domain) => {
      preferences.forgetDomain(domain);
      caseLocales.forgetDomain(domain);
    },
  });
  const transfers = new Transfers();
  const attachments = createAttachmentHandlers({
    session: (domain) => accounts.session(domain),
    stagedFiles: new StagedFiles({ files: ports.files, maxBytes: options.tuning?.maxAttachmentBytes }),
    transfers,
    files: ports.files,
    dialogs: ports.dialogs,
    emit,
    clock: ports.clock,
    log,
  });

  const handlers: InvokeHandlers = {
    'app:info': async () => ({ ...options.appInfo, backend: options.backend.kind }),
    'settings:get': async () => preferences.settings(),
    'settings:set': async (changes) => {
      const settings = preferences.updateSettings(changes);
      emit('settings:changed', settings);
      return settings;
    },
    'accounts:list': async () => accounts.list(),
    'account:signIn': ({ domain, loginHint }) => accounts.signIn(domain, loginHint),
    'account:cancelSignIn': async () => ({ cancelled: accounts.cancelSignIn() }),
    'account:signOut': async ({ domain }) => {
      await accounts.signOut(domain);
      return {};
    },
    'accounts:reorder': async ({ domains }) => accounts.reorder(domains),
    'customers:list': async ({ domain, search }) => accounts.session(domain).customers(search),
    'cases:query': async ({ domain, ...query }) => accounts.session(domain).query(query),
    'case:get': ({ domain, name }) => accounts.session(domain).getCase(name),
    'filters:get': async ({ domain }) => {
      accounts.session(domain);
      return preferences.filters(domain);
    },
    'filters:set': async ({ domain, filters }) => {
      accounts.session(domain);
      preferences.setFilters(domain, filters);
      return {};
    },
    'sync:now': ({ domain }) => accounts.session(domain).syncNow(),
    'sync:status': async ({ domain }) => accounts.session(domain).syncStatus(),
    ...caseActionHandlers({ requireSession: (domain) => accounts.session(domain), locales: caseLocales }),
    ...attachments.handlers,
    ...notBuiltYet(['log:write']),
  };

  return {
    handlers,
    onEvent(sink) {
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
      };
    },
    start: () => accounts.restore(),
    attachmentsFor: (domain) => attachments.attachmentsFor(domain),
    async dispose() {
      transfers.cancelAll();
      await accounts.dispose();
      sinks.clear();
    },
  };
}
