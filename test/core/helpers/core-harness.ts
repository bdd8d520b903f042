import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../../main/core/app-core';
import { NodeFileAccess } from '../../../main/core/api/node-file-access';
import {
  systemClock,
  type Clock,
  type FetchLike,
  type FileAccess,
  type KeyValueStore,
  type NetworkSignals,
  type Notifier,
  type SecretStore,
} from '../../../main/core/ports';
import type { DomainLinks } from '../../helpers/domain-links';
import {
  DEMO_OAUTH_CLIENT_ID,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  type RunningEmulator,
} from '../../../main/emulator';
import type { EventChannel, EventPayload } from '../../../shared/ipc/contract';
import type { OutboxRetryTuning } from '../../../main/core/outbox/domain-outbox';
import { fakeBrowser } from './browser-sign-in';
import { MemoryKeyValueStore, MemorySecretStore } from './memory-stores';
import { ScriptedFileDialogs } from './scripted-file-dialogs';

export interface RecordedEvent {
  channel: EventChannel;
  payload: unknown;
}

export interface CoreHarness {
  core: AppCore;
  secrets: MemorySecretStore;
  store: MemoryKeyValueStore;
  dataDir: string;
  events: RecordedEvent[];
  cleared: string[];
  /** Every request the core sent, with the domain whose fetch carried it. */
  requests: { domain: string; method: string; url: URL }[];
  /** What the core logged as warnings and errors. */
  warnings: string[];
  /** How many times the core asked for the app to restart (restartApp). */
  restarts: { count: number };
  browser: ReturnType<typeof fakeBrowser>;
  /** The native open/save dialogs: queue what the user picks. */
  dialogs: ScriptedFileDialogs;
  /** Resolves with the first event of `channel` matching `test` (already recorded ones count). */
  waitForEvent<C extends EventChannel>(
    channel: C,
    test?: (payload: EventPayload<C>) => boolean,
    timeoutMs?: number,
  ): Promise<EventPayload<C>>;
  /** Disposes the core; the data directory stays (a later harness may reuse it): see removeDataDir. */
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  emulator: RunningEmulator;
  /** Who the fake browser signs in as, given the authorization URL (default: login_hint); null: nobody. */
  pickUser?: (url: URL) => string | null;
  /** The backend the core runs on (default the emulator's demo one). */
  backend?: Partial<Pick<AppCoreOptions['backend'], 'kind' | 'source' | 'oauthClientId' | 'oauthClientSecret'>>;
  /** Reuse the stores and data directory of an earlier harness: a restart. */
  reuse?: Pick<CoreHarness, 'secrets' | 'store' | 'dataDir'>;
  /** The settings store given to the core instead of `store` (e.g. a SettingsFileStore over a real file). */
  settings?: KeyValueStore;
  /** The keychain given to the core instead of `secrets` (e.g. main's store chooser over fakes). */
  secretStore?: SecretStore;
  clock?: Clock;
  syncIntervalMs?: number;
  /** Default: the interval, so a test's syncs stay where it asks for them. */
  syncFollowUpMs?: number;
  signInTimeoutMs?: number;
  /** Default: node:fs. */
  files?: FileAccess;
  /** The OS's network and power events; default none. */
  network?: NetworkSignals;
  /** The OS's notifications; default none. */
  notifier?: Notifier;
  /** Each domain's link to the server, cut or restored by the test; default always through. */
  links?: Pick<DomainLinks, 'fetchFor'>;
  maxAttachmentBytes?: number;
  outboxRetry?: OutboxRetryTuning;
}

/**
 * An AppCore as the app builds it, against the emulator over loopback, with in-memory
 * keychain and settings store, a fake system browser that signs in through the
 * emulator's page, and every event recorded.
 */
export async function startCoreHarness(options: HarnessOptions): Promise<CoreHarness> {
  const secrets = options.reuse?.secrets ?? new MemorySecretStore();
  const store = options.reuse?.store ?? new MemoryKeyValueStore();
  const dataDir = options.reuse?.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'partner-desk-core-')));
  const events: RecordedEvent[] = [];
  const waiters = new Set<() => void>();
  const cleared: string[] = [];
  const warnings: string[] = [];
  const requests: CoreHarness['requests'] = [];
  const dialogs = new ScriptedFileDialogs();
  const restarts = { count: 0 };
  const browser = fakeBrowser(options.pickUser ?? ((url) => url.searchParams.get('login_hint') ?? ''));
  const coreOptions: AppCoreOptions = {
    backend: {
      kind: 'demo',
      endpoints: options.emulator.endpoints,
      oauthClientId: DEMO_OAUTH_CLIENT_ID,
      ...options.backend,
    },
    ports: {
      fetchForDomain: (domain) => {
        const recording: FetchLike = (input, init) => {
          const url = new URL(input instanceof Request ? input.url : input);
          requests.push({ domain, method: init?.method ?? 'GET', url });
          return fetch(input, init);
        };
        return options.links ? options.links.fetchFor(domain, recording) : recording;
      },
      clearDomainData: async (domain) => {
        cleared.push(domain);
      },
      secrets: options.secretStore ?? secrets,
      store: options.settings ?? store,
      clock: options.clock ?? systemClock,
      openExternal: browser.openExternal,
      files: options.files ?? new NodeFileAccess(),
      dialogs,
      network: options.network,
      notifier: options.notifier,
      restartApp: () => {
        restarts.count += 1;
      },
    },
    dataDir,
    appInfo: { version: '0.0.0-test', systemLocale: 'fr-FR', platform: 'linux' },
    log: {
      info: () => undefined,
      warn: (message) => warnings.push(message),
      error: (message) => warnings.push(message),
    },
    tuning: {
      syncIntervalMs: options.syncIntervalMs ?? 60_000,
      syncFollowUpMs: options.syncFollowUpMs ?? options.syncIntervalMs ?? 60_000,
      signInTimeoutMs: options.signInTimeoutMs,
      maxAttachmentBytes: options.maxAttachmentBytes,
      outboxRetry: options.outboxRetry,
    },
  };
  const core = createAppCore(coreOptions);
  core.onEvent((channel, payload) => {
    events.push({ channel, payload });
    for (const wake of [...waiters]) wake();
  });

  const waitForEvent: CoreHarness['waitForEvent'] = (channel, test, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < events.length; seen += 1) {
          const event = events[seen]!;
          if (event.channel === channel && (!test || test(event.payload as never))) {
            finish();
            resolve(event.payload as never);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`No ${channel} event came within ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    core,
    secrets,
    store,
    dataDir,
    events,
    cleared,
    warnings,
    restarts,
    requests,
    browser,
    dialogs,
    waitForEvent,
    dispose: () => core.dispose(),
  };
}

/** How many requests a domain's fetch carried so far, as the harness saw them. */
export function sentBy(harness: Pick<CoreHarness, 'requests'>, domain: string): number {
  return harness.requests.filter((request) => request.domain === domain).length;
}

/** Removes a data directory made by a harness that later ones reused. */
export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

/** Signs the demo data's two domains in (Alex to Northwind, then Claire to Lumière) and syncs each once. */
export async function signInDemoDomains(harness: CoreHarness): Promise<void> {
  const { handlers } = harness.core;
  await handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
  await handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
  await handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
  await handlers['sync:now']({ domain: LUMIERE_DOMAIN });
}
