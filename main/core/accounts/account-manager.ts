import { AppError, isAppError } from '../../../shared/app-error';
import type { EventSink } from '../../../shared/ipc/contract';
import type { Account } from '../../../shared/model/account';
import type { ApiEndpoints } from '../../google-wire/google-types';
import { grantedScopes, OAuthClient } from '../api/oauth-client';
import { cacheFilePath } from '../cases/cache-file';
import { DomainCache } from '../cases/domain-cache';
import type {
  Clock,
  FetchLike,
  KeyValueStore,
  Logger,
  NetworkSignal,
  NetworkSignals,
  OpenExternal,
  SecretStore,
} from '../ports';
import type { AttachmentPorts } from '../cases/attachments';
import type { SyncTuning } from '../sync/sync-loop';
import type { NoticeBoard } from '../notices/notice-board';
import type { ChangeBurst } from '../notifications/change-burst';
import { databaseFilePath, draftFilesPath } from '../storage/database-file';
import { DomainDatabase } from '../storage/domain-database';
import type { OutboxRetryTuning } from '../outbox/domain-outbox';
import {
  ACCOUNTS_BACKEND_KEY,
  AccountRegistry,
  describeEntry,
  refreshTokenKey,
  type StoredAccount,
} from './account-registry';
import { DomainSession, type DomainCredentials } from '../domain/domain-session';
import { signInToDomain } from './sign-in-flow';

export interface AccountManagerOptions {
  endpoints: ApiEndpoints;
  oauthClientId: string;
  oauthClientSecret?: string;
  /** The running backend's identity (backendIdentity): the remembered domains must have been signed in on it. */
  backendId: string;
  fetchForDomain(domain: string): FetchLike;
  clearDomainData(domain: string): Promise<void>;
  secrets: SecretStore;
  store: KeyValueStore;
  clock: Clock;
  openExternal: OpenExternal;
  dataDir: string;
  sqliteBinding?: string;
  notices: NoticeBoard;
  log: Logger;
  /** The app's events: the manager emits accounts:changed, each DomainSession its domain's own. */
  events: EventSink;
  /** Called when a domain is signed out, to forget what else is kept of it. */
  onDomainRemoved(domain: string): void;
  signInTimeoutMs?: number;
  sync?: SyncTuning;
  outboxRetry?: OutboxRetryTuning;
  attachmentPorts: AttachmentPorts;
  /** The OS's network and power events, told to every domain; none: the requests alone decide. */
  network?: NetworkSignals;
  /** What each domain's sync found changed by Google (the notification center takes it). */
  onChanges?: (burst: ChangeBurst) => void;
}

/**
 * The signed-in reseller domains: one DomainSession each, in tab order. Routes every
 * request to the session of the domain it names, signs domains in and out, and brings
 * them back after a restart from the account list and the keychain.
 */
export class AccountManager {
  private readonly registry: AccountRegistry;
  private readonly sessions = new Map<string, DomainSession>();
  private pendingSignIn: AbortController | undefined;
  private disposed = false;
  private readonly stopNetworkSignals: () => void;
  /** Whole-file checks running in a worker after each domain's first rows (DomainDatabase.checkInBackground). */
  private readonly backgroundChecks = new Set<Promise<unknown>>();

  constructor(private readonly options: AccountManagerOptions) {
    this.registry = new AccountRegistry(options.store);
    this.stopNetworkSignals = options.network?.subscribe((signal) => this.tellEveryDomain(signal)) ?? (() => undefined);
  }

  /**
   * Restores every remembered domain, each on its own (cache first, then its token from
   * the keychain): an entry that is not a valid account is skipped, and a domain whose
   * database or cache cannot be opened stays down; both are logged and told once, and
   * the other domains come up. Every tab can show its first rows (read from its
   * database) before any of them builds its in-memory index or syncs.
   */
  async restore(): Promise<void> {
    await this.forgetOtherBackend();
    const { accounts, skipped } = this.registry.read();
    for (const entry of skipped) {
      const described = describeEntry(entry);
      this.options.log.warn(`Skipped an entry of the accounts list that is not a valid account: ${described}`);
      this.options.notices.post('account_skipped', { entry: described });
    }
    const restored: DomainSession[] = [];
    /** Domains whose sign-in could not be read back, by keychain_unavailable's reason. */
    const unreachable = new Map<string, string[]>();
    for (const stored of accounts) {
      if (this.sessions.has(stored.domain)) continue;
      try {
        restored.push(await this.restoreDomain(stored, unreachable));
      } catch (error) {
        this.options.log.error(`Could not restore ${stored.domain}; the other domains go on`, error);
        this.options.notices.post('account_skipped', { entry: stored.domain });
      }
    }
    // Told, not silently signed out: one notice per cause, naming the domains.
    for (const [reason, domains] of unreachable) {
      this.options.notices.post('secrets_unreachable', { reason, domains: domains.join(', ') });
    }
    for (const session of restored) session.start();
    this.announce();
  }

  /**
   * The remembered domains were signed in on another backend (the environment chose
   * another OAuth client, or a sign-out before a backend change failed): their tokens
   * mean nothing to this one and are never sent to it. Each is signed out without the
   * revocation its own server alone could do, its data kept (see `leaveBackend`). Then
   * the running backend is recorded.
   */
  private async forgetOtherBackend(): Promise<void> {
    const { store, backendId, log } = this.options;
    const recorded = store.get<unknown>(ACCOUNTS_BACKEND_KEY);
    if (recorded !== undefined && recorded !== backendId) {
      for (const { domain } of this.registry.list()) {
        log.warn(`${domain} was signed in on another backend (${String(recorded)}); signing it out`);
        await this.forgetLocally(domain);
      }
    }
    if (recorded !== backendId) store.set(ACCOUNTS_BACKEND_KEY, backendId);
  }

  /**
   * A backend switch, for a domain without a session: its tab first (so it is never
   * restored, whatever fails next), then its keychain entry and browser partition. Its
   * database (drafts, outbox, cache) stays, as `leaveBackend` keeps it.
   */
  private async forgetLocally(domain: string): Promise<void> {
    const { log } = this.options;
    this.registry.remove(domain);
    this.options.onDomainRemoved(domain);
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['keychain entry', () => this.options.secrets.delete(refreshTokenKey(domain))],
      ['browser data', () => this.options.clearDomainData(domain)],
    ];
    for (const [what, step] of steps) {
      await step().catch((error: unknown) => log.error(`Could not remove the ${what} of ${domain}`, error));
    }
  }

  private async restoreDomain(stored: StoredAccount, unreachable: Map<string, string[]>): Promise<DomainSession> {
    let refreshToken: string | null = null;
    try {
      refreshToken = await this.options.secrets.get(refreshTokenKey(stored.domain));
    } catch (error) {
      this.options.log.warn(`Could not read the keychain entry of ${stored.domain}`, error);
      if (isAppError(error) && error.code === 'keychain_unavailable') {
        const reason = error.detail?.reason ?? 'keychain_error';
        unreachable.set(reason, [...(unreachable.get(reason) ?? []), stored.domain]);
      }
    }
    return this.openSession(stored, refreshToken ? { refreshToken } : null);
  }

  list(): Account[] {
    return this.registry.list().flatMap((stored) => this.sessions.get(stored.domain)?.account() ?? []);
  }

  /** The session of a signed-in domain (the handlers refuse others through requireSession). */
  find(domain: string): DomainSession | undefined {
    return this.sessions.get(domain);
  }

  async signIn(domain: string, loginHint?: string): Promise<Account> {
    this.pendingSignIn?.abort();
    const abort = new AbortController();
    this.pendingSignIn = abort;
    try {
      const oauth = this.sessions.get(domain)?.oauth ?? this.oauthFor(domain);
      const result = await signInToDomain(
        {
          oauth,
          openExternal: this.options.openExternal,
          clock: this.options.clock,
          timeoutMs: this.options.signInTimeoutMs,
        },
        { domain, loginHint, signal: abort.signal },
      );
      if (this.disposed) throw new AppError('cancelled', 'Partner Desk is closing.');
      const credentials: DomainCredentials = {
        refreshToken: result.tokens.refresh_token,
        accessToken: {
          accessToken: result.tokens.access_token,
          expiresAt: result.issuedAt + result.tokens.expires_in * 1000,
        },
      };
      await this.options.secrets.set(refreshTokenKey(domain), credentials.refreshToken);
      const scopes = grantedScopes(result.tokens);
      const stored: StoredAccount = {
        domain,
        email: result.email,
        displayName: result.displayName,
        ...(scopes.length > 0 ? { scopes } : {}),
      };
      this.registry.upsert(stored);
      const existing = this.sessions.get(domain);
      if (existing) {
        const previousToken = existing.refreshToken;
        existing.reauthorize(stored, credentials);
        // Google keeps a limited number of live refresh tokens per user and client: let the replaced one go.
        if (previousToken && previousToken !== credentials.refreshToken) {
          existing.oauth.revoke(previousToken).catch(() => undefined);
        }
      } else {
        const session = await this.openSession(stored, credentials);
        session.start();
      }
      this.announce();
      return (this.sessions.get(domain) as DomainSession).account();
    } finally {
      if (this.pendingSignIn === abort) this.pendingSignIn = undefined;
    }
  }

  /**
   * Leaving this backend (the Google connection changed): every domain is signed out
   * here, its token revoked where it was issued, but its drafts, outbox and cache stay on
   * disk: nothing typed is lost, and they come back when the domain signs in again. One
   * that fails is logged and the others go on.
   */
  async leaveBackend(): Promise<void> {
    for (const { domain } of this.registry.list()) {
      await this.signOut(domain, { keepData: true }).catch((error: unknown) => {
        this.options.log.warn(`Could not sign ${domain} out; it is forgotten at the next start`, error);
      });
    }
  }

  cancelSignIn(): boolean {
    if (!this.pendingSignIn) return false;
    this.pendingSignIn.abort();
    this.pendingSignIn = undefined;
    return true;
  }

  /**
   * Forgets a domain: its token revoked (best effort: offline must not block leaving),
   * its keychain entry, its browser partition, its database (unless `keepData`), its tab.
   */
  async signOut(domain: string, options: { keepData?: boolean } = {}): Promise<void> {
    const session = this.sessions.get(domain);
    if (!session) return;
    this.sessions.delete(domain);
    await session.dispose();
    const refreshToken = session.refreshToken;
    if (refreshToken) {
      await session.oauth.revoke(refreshToken).catch((error: unknown) => {
        this.options.log.warn(`Could not revoke the token of ${domain}; removing it locally anyway`, error);
      });
    }
    // The token is revoked (or Google will refuse it): a keychain that fails here must not leave
    // the domain half removed. The secret store remembers the entry as stale and never reads it back.
    await this.options.secrets.delete(refreshTokenKey(domain)).catch((error: unknown) => {
      this.options.log.warn(`Could not delete the keychain entry of ${domain}; signing out anyway`, error);
    });
    await this.options.clearDomainData(domain).catch((error: unknown) => {
      this.options.log.warn(`Could not clear the browser data of ${domain}`, error);
    });
    if (!options.keepData) {
      await session.cache.destroy();
      await session.database.destroy();
      await session.drafts.destroyFiles();
    }
    this.registry.remove(domain);
    this.options.onDomainRemoved(domain);
    this.announce();
  }

  reorder(domains: string[]): Account[] {
    this.registry.reorder(domains);
    const accounts = this.list();
    this.options.events('accounts:changed', { accounts });
    return accounts;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopNetworkSignals();
    this.cancelSignIn();
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((session) => session.dispose()));
    // A check still reading a file (its own read-only connection, in a worker) ends before the
    // app does: nothing touches the data folder after dispose.
    await Promise.allSettled([...this.backgroundChecks]);
  }

  /**
   * The OS speaks for the whole machine, so every domain hears it: offline makes each
   * one offline; sleep and screen lock pause each one's sync; online, wake and unlock make
   * each one try again (its own requests then decide).
   */
  private tellEveryDomain(signal: NetworkSignal): void {
    for (const session of this.sessions.values()) {
      const { connectivity } = session.context;
      if (signal === 'offline') connectivity.machineWentOffline();
      else if (signal === 'online') connectivity.machineWentOnline();
      else if (signal === 'suspend') connectivity.suspend();
      else if (signal === 'resume') connectivity.resume();
      else if (signal === 'lock') connectivity.lock();
      else connectivity.unlock();
    }
  }

  private oauthFor(domain: string): OAuthClient {
    return new OAuthClient({
      fetch: this.options.fetchForDomain(domain),
      endpoints: this.options.endpoints,
      clientId: this.options.oauthClientId,
      clientSecret: this.options.oauthClientSecret,
      clock: this.options.clock,
    });
  }

  private async openSession(stored: StoredAccount, credentials: DomainCredentials | null): Promise<DomainSession> {
    const domain = stored.domain;
    const { database, recovery } = await DomainDatabase.open({
      file: databaseFilePath(this.options.dataDir, domain),
      domain,
      now: () => this.options.clock.now(),
      log: this.options.log,
      nativeBinding: this.options.sqliteBinding,
      // quick_check reads the whole file (~0.4 s at 45,000 cases): run after the first rows, off the main thread.
      deferCheck: true,
    });
    if (recovery) this.options.notices.post('database_recovered', { domain, salvaged: String(recovery.salvaged) });
    const cache = new DomainCache({
      domain,
      database,
      legacyFile: cacheFilePath(this.options.dataDir, domain),
      clock: this.options.clock,
      log: this.options.log,
    });
    try {
      await cache.load();
    } catch (error) {
      // No session owns the database yet: close it, or its file stays locked until quit.
      database.close();
      throw error;
    }
    const session = new DomainSession({
      account: stored,
      credentials,
      endpoints: this.options.endpoints,
      oauthClientId: this.options.oauthClientId,
      oauthClientSecret: this.options.oauthClientSecret,
      fetch: this.options.fetchForDomain(domain),
      cache,
      database,
      draftFilesDir: draftFilesPath(this.options.dataDir, domain),
      clock: this.options.clock,
      log: this.options.log,
      sync: this.options.sync,
      outboxRetry: this.options.outboxRetry,
      attachmentPorts: this.options.attachmentPorts,
      events: this.options.events,
      onAccountChanged: () => this.announce(),
      onChanges: (burst) => this.options.onChanges?.(burst),
      onIdentityChanged: (account) => {
        // Only while the domain is still remembered: a refresh ending after its sign-out must not bring it back.
        if (this.sessions.get(domain) && this.registry.list().some((known) => known.domain === domain)) {
          this.registry.upsert(account);
        }
      },
      onRefreshTokenRotated: (refreshToken) => {
        this.options.secrets.set(refreshTokenKey(domain), refreshToken).catch((error: unknown) => {
          this.options.log.warn(`Could not save the new token of ${domain}`, error);
        });
      },
    });
    // A domain restored or signed in while the OS says there is no network starts offline.
    if (this.options.network?.isOnline() === false) session.context.connectivity.machineWentOffline();
    this.sessions.set(domain, session);
    const check = cache.indexed
      .then(() => (database.isOpen ? database.checkInBackground(this.options.log) : null))
      .catch((error: unknown) => this.options.log.warn(`The background check of ${domain} failed`, error))
      .finally(() => this.backgroundChecks.delete(check));
    this.backgroundChecks.add(check);
    return session;
  }

  private announce(): void {
    if (!this.disposed) this.options.events('accounts:changed', { accounts: this.list() });
  }
}
