import type { EventSink, InvokeHandlers } from '../../shared/ipc/contract';
import { AccountManager } from './accounts/account-manager';
import type { ApiEndpoints } from '../google-wire/google-types';
import type { AttachmentPorts, DomainAttachments } from './cases/attachments';
import { CaseLocaleStore } from './cases/case-locale-store';
import { StagedFiles } from './files/staged-files';
import { Transfers } from './files/transfers';
import { attachmentHandlers } from './ipc/handlers/attachments';
import { caseActionHandlers } from './ipc/handlers/case-actions';
import {
  silentLogger,
  type Clock,
  type FetchLike,
  type FileAccess,
  type FileDialogs,
  type KeyValueStore,
  type Logger,
  type NetworkSignals,
  type Notifier,
  type OpenExternal,
  type RestartApp,
  type SecretStore,
} from './ports';
import { accountHandlers } from './ipc/handlers/accounts';
import { appHandlers } from './ipc/handlers/app';
import { caseHandlers } from './ipc/handlers/cases';
import { logHandlers } from './ipc/handlers/log';
import { draftHandlers } from './ipc/handlers/drafts';
import { outboxHandlers } from './ipc/handlers/outbox';
import type { OutboxRetryTuning } from './outbox/domain-outbox';
import type { DomainConnectivity } from './domain/domain-connectivity';
import { noticeHandlers } from './ipc/handlers/notices';
import { NoticeBoard } from './notices/notice-board';
import { NotificationCenter } from './notifications/notification-center';
import { isDomainName } from '../../shared/model/domain-name';
import { sessionRequirer } from './ipc/handlers/require-session';
import { isCaseName } from './api/resource-names';
import { settingsHandlers } from './ipc/handlers/settings';
import { backendHandlers, type RunningBackend } from './ipc/handlers/backend';
import { backendIdentity, OAuthClientSettings } from './settings/oauth-client-settings';
import { PreferencesStore } from './settings/preferences-store';
import { AttentionQueue } from './queue/attention-queue';
import { diagnosticsHandlers } from './ipc/handlers/diagnostics';
import { queueHandlers } from './ipc/handlers/queue';
import type { ChangeBurst } from './notifications/change-burst';
import type { ScheduleIntervals } from './sync/sync-schedule';

export interface AppCoreOptions {
  backend: {
    kind: 'demo' | 'google';
    endpoints: ApiEndpoints;
    oauthClientId: string;
    oauthClientSecret?: string;
    /** Where the OAuth client came from (backend:get); default: none for the demo, the settings for Google. */
    source?: RunningBackend['source'];
  };
  ports: {
    /** Electron: session.fromPartition('persist:domain:<domain>').fetch. */
    fetchForDomain(domain: string): FetchLike;
    /** Electron: clear that partition's storage and cache on sign-out. */
    clearDomainData(domain: string): Promise<void>;
    secrets: SecretStore;
    store: KeyValueStore;
    clock: Clock;
    openExternal: OpenExternal;
    files: FileAccess;
    /** Native open and save dialogs (Electron's dialog module; scripted in tests and the preview). */
    dialogs: FileDialogs;
    /** The OS's network and power events (Electron's net and powerMonitor; simulated in tests and the preview). */
    network?: NetworkSignals;
    /** The OS's notifications (Electron's Notification; an in-page toast in the preview); none: nothing is shown. */
    notifier?: Notifier;
    /** Starts Partner Desk again, after the Google connection settings changed (app.relaunch; recorded in the preview). */
    restartApp: RestartApp;
  };
  /** Where each domain's database (and the drafts' files) live. */
  dataDir: string;
  /** better-sqlite3's native module built for the running runtime, when it is not Node's (Electron). */
  sqliteBinding?: string;
  appInfo: { version: string; systemLocale: string; platform: string };
  log?: Logger;
  /** Tuning for tests and the preview; the defaults suit the app. */
  tuning?: {
    syncIntervalMs?: number;
    /** How soon passes follow up while filed cases await the search index (SyncLoop). */
    syncFollowUpMs?: number;
    /** The sync schedule's intervals per tier, where they differ from the app's (SyncLoop `schedule`). */
    syncSchedule?: Partial<ScheduleIntervals>;
    signInTimeoutMs?: number;
    /** Largest file staged or uploaded; default Google's 50 MiB. */
    maxAttachmentBytes?: number;
    /** The outbox's retry timer while online (DEFAULT_OUTBOX_RETRY). */
    outboxRetry?: OutboxRetryTuning;
  };
}

export interface AppCore {
  /** One handler per invoke channel of the contract; wire them through createInvokeDispatcher. */
  handlers: InvokeHandlers;
  /** Subscribes to every event of the contract; returns the unsubscribe. */
  onEvent(sink: EventSink): () => void;
  /** Restores the remembered domains (cache, then keychain) and starts their sync. */
  start(): Promise<void>;
  /** One domain's attachments (the upload bench drives them directly). */
  attachmentsFor(domain: string): DomainAttachments;
  /**
   * Opens a signed-in domain's tab, and one of its cases when `name` is given (a click on a
   * notification that started the app, or a partnerdesk:// link): emits notification:open.
   * False, and nothing emitted, for a domain not signed in or a malformed name.
   */
  openCase(domain: string, name?: string): boolean;
  /** One domain's connectivity (tests and the preview report reachability and ask for retries). */
  connectivityFor(domain: string): DomainConnectivity;
  /** Subscribes to every domain's change bursts, one per sync pass (tests; see ChangeBurst); returns the unsubscribe. */
  onChanges(listener: (burst: ChangeBurst) => void): () => void;
  /** Stops syncing, cancels a pending sign-in and saves the caches. */
  dispose(): Promise<void>;
}

/**
 * The Electron-free application: accounts and their domain sessions, settings and
 * filters, behind the handlers of the IPC contract. Electron's IPC adapter and the
 * browser preview's WebSocket server both drive it the same way.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const log = options.log ?? silentLogger;
  const { ports } = options;
  const sinks = new Set<EventSink>();
  const emit: EventSink = (channel, payload) => {
    for (const sink of sinks) {
      try {
        sink(channel, payload);
      } catch (error) {
        log.error(`An event listener failed on ${channel}`, error);
      }
    }
  };
  const notices = new NoticeBoard(ports.clock, emit);
  const changeListeners = new Set<(burst: ChangeBurst) => void>();
  ports.store.onRecovered?.((source) => {
    // Told once: a file damaged again before the user dismissed the notice adds nothing to say.
    if (!notices.list().some((notice) => notice.code === 'settings_recovered')) {
      notices.post('settings_recovered', { source });
    }
  });
  const preferences = new PreferencesStore(ports.store);
  const caseLocales = new CaseLocaleStore(ports.store);
  const attachmentPorts: AttachmentPorts = {
    stagedFiles: new StagedFiles({ files: ports.files, maxBytes: options.tuning?.maxAttachmentBytes }),
    transfers: new Transfers(),
    files: ports.files,
    dialogs: ports.dialogs,
  };
  const accounts = new AccountManager({
    endpoints: options.backend.endpoints,
    oauthClientId: options.backend.oauthClientId,
    oauthClientSecret: options.backend.oauthClientSecret,
    backendId: backendIdentity(options.backend.kind, options.backend.oauthClientId),
    fetchForDomain: (domain) => ports.fetchForDomain(domain),
    clearDomainData: (domain) => ports.clearDomainData(domain),
    secrets: ports.secrets,
    store: ports.store,
    clock: ports.clock,
    openExternal: ports.openExternal,
    dataDir: options.dataDir,
    sqliteBinding: options.sqliteBinding,
    notices,
    log,
    signInTimeoutMs: options.tuning?.signInTimeoutMs,
    sync: {
      intervalMs: options.tuning?.syncIntervalMs,
      followUpMs: options.tuning?.syncFollowUpMs,
      schedule: options.tuning?.syncSchedule,
    },
    outboxRetry: options.tuning?.outboxRetry,
    events: emit,
    attachmentPorts,
    network: ports.network,
    onChanges: (burst) => {
      notifications?.take(burst);
      for (const listener of changeListeners) listener(burst);
    },
    onDomainRemoved: (domain) => {
      preferences.forgetDomain(domain);
      caseLocales.forgetDomain(domain);
    },
  });

  const openCase = (domain: string, name?: string): boolean => {
    if (!isDomainName(domain) || !accounts.find(domain)) return false;
    if (name !== undefined && !isCaseName(name)) return false;
    emit('notification:open', name === undefined ? { domain } : { domain, name });
    return true;
  };
  const notifications = ports.notifier
    ? new NotificationCenter({
        notifier: ports.notifier,
        clock: ports.clock,
        settings: () => preferences.settings(),
        systemLocale: options.appInfo.systemLocale,
        onOpen: ({ domain, name }) => {
          // The domain may have been signed out since the notification was shown.
          if (!openCase(domain, name)) log.info('A notification of a domain no longer signed in was clicked');
        },
        log,
      })
    : null;

  const requireSession = sessionRequirer(accounts);
  // Every tab's domain, in tab order; the queue asks each session for its rows only.
  const queue = new AttentionQueue(() => accounts.list().flatMap((account) => accounts.find(account.domain) ?? []));
  const handlers: InvokeHandlers = {
    ...appHandlers({ appInfo: options.appInfo, backend: options.backend.kind }),
    ...accountHandlers({ accounts, requireSession }),
    ...caseHandlers(requireSession),
    ...settingsHandlers({ preferences, requireSession, emit }),
    ...backendHandlers({
      running: {
        ...options.backend,
        source: options.backend.source ?? (options.backend.kind === 'demo' ? 'none' : 'settings'),
      },
      saved: new OAuthClientSettings({ store: ports.store, secrets: ports.secrets, log }),
      leaveBackend: () => accounts.leaveBackend(),
      restartApp: ports.restartApp,
      log,
    }),
    ...logHandlers({ log, clock: ports.clock }),
    ...caseActionHandlers({ requireSession, locales: caseLocales }),
    ...outboxHandlers({ requireSession, locales: caseLocales }),
    ...attachmentHandlers({ requireSession, ports: attachmentPorts }),
    ...noticeHandlers(notices),
    ...queueHandlers(queue),
    ...diagnosticsHandlers(requireSession, {
      backend: options.backend.kind,
      endpoints: options.backend.endpoints,
    }),
    ...draftHandlers({
      requireSession,
      otherSessions: (domain) =>
        accounts.list().flatMap((account) => {
          const session = account.domain === domain ? undefined : accounts.find(account.domain);
          return session ? [session] : [];
        }),
    }),
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
    openCase,
    onChanges(listener) {
      changeListeners.add(listener);
      return () => {
        changeListeners.delete(listener);
      };
    },
    attachmentsFor: (domain) => requireSession(domain).attachments,
    connectivityFor: (domain) => requireSession(domain).context.connectivity,
    async dispose() {
      notifications?.dispose();
      await accounts.dispose();
      sinks.clear();
    },
  };
}
