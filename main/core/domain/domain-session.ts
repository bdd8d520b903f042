import { AppError, isAppError } from '../../../shared/app-error';
import type { Account, SyncStatus } from '../../../shared/model/account';
import type { CaseDetail } from '../../../shared/model/case';
import type { CaseQuery, CaseQueryResult } from '../../../shared/model/case-query';
import type { EventSink } from '../../../shared/ipc/contract';
import type { Customer } from '../../../shared/model/customer';
import { createApiClients, type ApiClients } from '../api/api-client';
import type { ApiEndpoints } from '../../google-wire/google-types';
import { OAuthClient } from '../api/oauth-client';
import { DomainAttachments, type AttachmentPorts } from '../cases/attachments';
import { parentOfCase } from '../api/resource-names';
import { DomainDrafts } from '../drafts/domain-drafts';
import { CaseActions } from '../cases/case-actions';
import { CaseReads } from '../cases/case-reads';
import type { DomainCache } from '../cases/domain-cache';
import { RemoteKeywordSearch, REMOTE_SEARCH_RETRY_POLICY } from '../cases/remote-keyword-search';
import { normalizeForSearch } from '../cases/search-text';
import type { Clock, FetchLike, Logger } from '../ports';
import { runSyncPass } from '../sync/sync-pass';
import { SyncLoop, type PassKind, type SyncTuning } from '../sync/sync-loop';
import type { PassScope, SyncTier } from '../sync/sync-schedule';
import { OwnChanges } from '../sync/own-changes';
import { burstReason } from '../sync/change-detector';
import type { CaseFilters } from '../../../shared/model/case-query';
import { RefreshingTokenProvider } from '../accounts/refreshing-token-provider';
import type { StoredAccount } from '../accounts/account-registry';
import type { DomainDatabase } from '../storage/domain-database';
import { reportingFetch } from '../api/reporting-fetch';
import { OutboxStore } from '../storage/outbox-store';
import { DomainOutbox, type OutboxRetryTuning } from '../outbox/domain-outbox';
import { DomainConnectivity } from './domain-connectivity';
import { domainEventSink, type DomainContext } from './domain-context';
import type { ChangeBurst, DetectedChange } from '../notifications/change-burst';
import { attentionRows, type DomainAttention } from '../queue/attention-rows';
import { DomainDiagnostics } from '../diagnostics/domain-diagnostics';
import { PROBE_RETRY_POLICY, PROBE_TIMEOUT_MS } from '../diagnostics/diagnostics-probe';
import { RequestLog, recordingFetch } from '../diagnostics/request-log';

/** A refresh token, with the access token of the sign-in when there is one. */
export interface DomainCredentials {
  refreshToken: string;
  accessToken?: { accessToken: string; expiresAt: number };
}

export interface DomainSessionOptions {
  account: StoredAccount;
  /** Null when the keychain had no token: the domain starts out needing a sign-in. */
  credentials: DomainCredentials | null;
  endpoints: ApiEndpoints;
  oauthClientId: string;
  oauthClientSecret?: string;
  /** This domain's own fetch (its own Electron session partition). */
  fetch: FetchLike;
  cache: DomainCache;
  /** The domain's own SQLite database (cache, drafts, outbox); the session closes it. */
  database: DomainDatabase;
  /** Where this domain's drafts keep their files (`<dataDir>/drafts/<domain>`). */
  draftFilesDir: string;
  clock: Clock;
  log: Logger;
  /** The app's events; the session binds them to its domain (DomainContext.emit). */
  events: EventSink;
  /** Status, identity or attention count changed: the account list must be announced again. */
  onAccountChanged(): void;
  /** What a sync pass found changed by Google: one burst per pass (see ChangeBurst). */
  onChanges?(burst: ChangeBurst): void;
  /** Google rotated the refresh token: the keychain entry must follow. */
  onRefreshTokenRotated(refreshToken: string): void;
  /** What is remembered of the account changed (the scopes a refresh reported): the account list must keep it. */
  onIdentityChanged?(account: StoredAccount): void;
  sync?: SyncTuning;
  syncConcurrency?: number;
  /** Shared by every domain: staged files, transfers, disk and native dialogs. */
  attachmentPorts: AttachmentPorts;
  outboxRetry?: OutboxRetryTuning;
}

export const DEFAULT_SYNC_CONCURRENCY = 4;
/**
 * New and removed customers are learned from the subscriptions (100 a call: ~20 calls for
 * 1,000 customers) this often, customers.get only for the new ones: a new customer has no
 * case to show yet, and sync:now lists them at once.
 */
export const CUSTOMER_LIST_MS = 60 * 60_000;
/** Known customers' details (name, address) are read again this seldom (a call each), or on sync:now. */
export const CUSTOMER_DETAILS_MS = 24 * 60 * 60_000;
/** How often a long sync tells the views that more cases arrived. */
export const PROGRESS_INTERVAL_MS = 2_000;

/**
 * Everything of one signed-in reseller domain, and nothing of another: its token
 * provider, its fetch, its API clients, its cache and its sync loop. When its refresh
 * token dies only this session turns to `needs_sign_in`; its cache stays readable.
 * An assembly point, not a hub: it builds the domain's DomainContext and owns the
 * per-domain services given it, which emit their contract events themselves.
 */
export class DomainSession {
  readonly domain: string;
  readonly context: DomainContext;
  readonly oauth: OAuthClient;
  readonly cache: DomainCache;
  readonly database: DomainDatabase;
  private identity: StoredAccount;
  private tokenProvider: RefreshingTokenProvider | null = null;
  private currentRefreshToken: string | null = null;
  private customersListedAt: number | undefined;
  private customersDetailedAt: number | undefined;
  private pendingAnnouncement: { cancel(): void } | undefined;
  private clients: ApiClients | null = null;
  /**
   * Same session, but failing fast: keyword searches never sleep through a 429, and a
   * case the user opens says at once that it could not be read rather than after ~6 s of
   * retries (the saved copy, or "not saved", shows meanwhile).
   */
  private failFastClients: ApiClients | null = null;
  /** Diagnostics' own: one attempt each, a short timeout (PROBE_RETRY_POLICY). */
  private probeClients: ApiClients | null = null;
  /** This domain's fetch, counted in its request log (Diagnostics) and reporting every answer and failure to its connectivity. */
  private readonly fetch: FetchLike;
  private readonly remoteSearch: RemoteKeywordSearch;
  private readonly sync: SyncLoop;
  private attention: number;
  private missingPrivilege: string | undefined;
  private disposed = false;
  /** The user's own actions in flight and their answers: the sync never reports them as Google's. */
  private readonly ownChanges: OwnChanges;
  /** File, update, close, escalate, comment and share this domain's cases. */
  /** Opens and refreshes this domain's cases (cache first, fail fast, offline at once). */
  readonly caseReads: CaseReads;
  readonly caseActions: CaseActions;
  readonly attachments: DomainAttachments;
  /** What the user is typing, durable on every change (see DomainDrafts). */
  readonly drafts: DomainDrafts;
  /** Submissions kept until Google has them, exactly once. */
  readonly outbox: DomainOutbox;
  /** What the Diagnostics page shows of this domain (probes, grant, sync, traffic). */
  readonly diagnostics: DomainDiagnostics;

  constructor(private readonly options: DomainSessionOptions) {
    this.domain = options.account.domain;
    this.identity = options.account;
    this.cache = options.cache;
    this.database = options.database;
    const connectivity = new DomainConnectivity();
    const requests = new RequestLog(options.clock);
    this.fetch = reportingFetch(recordingFetch(options.fetch, requests, options.endpoints), connectivity);
    this.oauth = new OAuthClient({
      fetch: this.fetch,
      endpoints: options.endpoints,
      clientId: options.oauthClientId,
      clientSecret: options.oauthClientSecret,
      clock: options.clock,
    });
    this.context = {
      domain: this.domain,
      apiClients: () => this.requireClients(),
      clock: options.clock,
      log: options.log,
      emit: domainEventSink(this.domain, options.events),
      connectivity,
    };
    this.attention = options.cache.attentionCount();
    this.ownChanges = new OwnChanges(options.clock);
    this.sync = new SyncLoop(this.context, {
      ...options.sync,
      lastSyncedAt: () => options.cache.lastSyncedAt,
      pass: (signal, kind, scope) => this.runSync(signal, kind, scope),
      tiers: () => this.syncTiers(),
    });
    this.remoteSearch = new RemoteKeywordSearch(this.context, {
      cloudSupport: () => {
        this.requireClients();
        return (this.failFastClients as ApiClients).cloudSupport;
      },
      organizations: (customerId) => this.searchableOrganizations(customerId),
    });
    this.caseReads = new CaseReads({
      context: this.context,
      cache: options.cache,
      cloudSupport: (failFast) => {
        const clients = this.requireClients();
        return (failFast ? (this.failFastClients ?? clients) : clients).cloudSupport;
      },
      record: (detail) => this.recordCase(detail),
      markRead: (name) => this.markRead([name]),
      opened: (name) => {
        if (this.ownsCase(name)) this.sync.focus(name);
      },
      stopped: () => this.disposed,
    });
    this.caseActions = new CaseActions({
      domain: this.domain,
      cloudSupport: () => this.requireClients().cloudSupport,
      cache: options.cache,
      clock: options.clock,
      log: options.log,
      userEmail: () => this.identity.email,
      ownChanges: this.ownChanges,
      // A case the user just acted on (here or through the outbox): Google often answers soon.
      record: (detail) => {
        this.recordCase(detail);
        this.sync.focus(detail.name);
      },
      customersChanged: () => {
        if (!this.disposed) this.context.emit('cases:changed', {});
      },
    });
    this.attachments = new DomainAttachments({
      ...options.attachmentPorts,
      domain: this.domain,
      cloudSupport: () => this.requireClients().cloudSupport,
      ownsOrganization: (organization) => options.cache.customerOfOrganization(organization) !== undefined,
      cachedCase: (name) => options.cache.getCase(name)?.detail,
      refreshCase: (name) => this.caseReads.refresh(name),
      emitProgress: (progress) => this.context.emit('transfer:progress', progress),
      clock: options.clock,
      log: options.log,
    });
    const ownsCase = (name: string) => this.ownsCase(name);
    this.drafts = new DomainDrafts({
      domain: this.domain,
      database: options.database,
      filesDir: options.draftFilesDir,
      stagedFiles: options.attachmentPorts.stagedFiles,
      ownsCase,
      ownsCustomer: (customerId) => options.cache.customer(customerId) !== undefined,
      emitChanged: () => {
        if (!this.disposed) this.context.emit('drafts:changed', {});
      },
      clock: options.clock,
      log: options.log,
    });
    this.drafts
      .purge()
      .catch((error: unknown) => options.log.warn(`Purging the drafts of ${this.domain} failed`, error));
    this.outbox = new DomainOutbox({
      context: this.context,
      store: new OutboxStore(options.database),
      actions: this.caseActions,
      cloudSupport: () => this.requireClients().cloudSupport,
      organizationOf: (customerId) => options.cache.customer(customerId)?.organization ?? undefined,
      ownsCase,
      userEmail: () => this.identity.email,
      refreshCase: (name) => this.caseReads.refresh(name),
      drafts: this.drafts,
      uploadFile: (caseName, file, transferId) => this.attachments.uploadStored(caseName, file, transferId),
      retry: options.outboxRetry,
    });
    this.diagnostics = new DomainDiagnostics(
      {
        domain: this.domain,
        email: () => this.identity.email,
        signedIn: () => this.status === 'signed_in',
        online: () => connectivity.online,
        scopes: () => this.identity.scopes ?? [],
        syncStatus: () => this.sync.status,
        lastPass: () => this.sync.lastCompletedPass,
        reachableCustomerId: () =>
          options.cache.customers().find((customer) => customer.access === 'granted')?.customerId,
        probeClients: () => {
          this.requireClients();
          return this.probeClients as ApiClients;
        },
        requests,
      },
      options.clock,
    );
    if (options.credentials) this.authorize(options.credentials);
    // Until its index is built the cache answers from the database: lists ask again once it is.
    void options.cache.indexed.then(() => {
      if (this.disposed) return;
      this.context.emit('cases:changed', {});
      this.refreshAttention();
    });
  }

  get status(): Account['status'] {
    return this.tokenProvider && !this.tokenProvider.sessionExpired ? 'signed_in' : 'needs_sign_in';
  }

  account(): Account {
    // The scopes are the core's (Diagnostics): the tab needs none of them.
    const { scopes: _scopes, ...identity } = this.identity;
    const account: Account = { ...identity, status: this.status, attentionCount: this.attention };
    return this.missingPrivilege === undefined ? account : { ...account, missingPrivilege: this.missingPrivilege };
  }

  /** Starts syncing when signed in; a domain that needs a sign-in only serves its cache. */
  start(): void {
    this.options.cache.startIndexing();
    if (this.status === 'signed_in') {
      this.goOnline();
    } else this.pauseForSignIn();
  }

  /** A new sign-in of this domain (after its session expired, or by another user of it). */
  reauthorize(account: StoredAccount, credentials: DomainCredentials): void {
    this.identity = account;
    this.authorize(credentials);
    this.options.onAccountChanged();
    this.goOnline();
  }

  /** Signed in: the sync runs a pass now, and whatever waited in the outbox tries now. */
  private goOnline(): void {
    this.sync.start();
    this.outbox.resume();
  }

  /** The refresh token, to revoke it on sign-out. */
  get refreshToken(): string | null {
    return this.currentRefreshToken;
  }

  /**
   * Local matches at once (titles in memory, descriptions and comments in the database's
   * text index), plus the cases the server found the keyword in (see RemoteKeywordSearch).
   */
  query(query: Omit<CaseQuery, 'domain'>): CaseQueryResult {
    const remote =
      this.status === 'signed_in' ? this.remoteSearch.matchesFor(query.customerId, query.filters.keyword) : undefined;
    const textMatches = this.options.cache.textMatches(query.filters.keyword);
    return this.options.cache.query({ ...query, alsoMatching: remote, textMatches });
  }

  /** This domain's cases that need the team, as All-domains queue rows (see attentionRows). */
  attentionRows(limit: number): DomainAttention {
    return attentionRows(this.options.cache, limit);
  }

  customers(search?: string): Customer[] {
    const needle = normalizeForSearch(search?.trim() ?? '');
    return this.options.cache
      .customers()
      .filter(
        (customer) =>
          !needle ||
          normalizeForSearch(customer.organizationName).includes(needle) ||
          customer.domain.toLowerCase().includes(needle) ||
          customer.customerId.toLowerCase().includes(needle),
      )
      .sort((a, b) => a.organizationName.localeCompare(b.organizationName));
  }

  /**
   * This domain's API clients, for features that act on its cases (create, update,
   * comment, upload); fails with session_expired while the domain must sign in again.
   */
  apiClients(): ApiClients {
    return this.requireClients();
  }

  /** Stores a case read or changed through the API and tells every view. */
  recordCase(detail: CaseDetail): void {
    if (this.disposed || detail.domain !== this.domain) return;
    const before = this.options.cache.getCase(detail.name)?.detail;
    this.options.cache.putFull(detail);
    this.context.emit('case:changed', { detail });
    if (detail.pending && !before) this.sync.followUpSoon();
    if (
      !before ||
      before.updateTime !== detail.updateTime ||
      before.state !== detail.state ||
      before.pending !== detail.pending
    ) {
      this.context.emit('cases:changed', {});
      this.refreshAttention();
    }
  }

  /**
   * "Mark all read" on a view: every unread case of the customer (or all) passing the
   * filters, the keyword matched as the list matches it. Returns how many were marked.
   */
  markAllRead(view: { customerId?: string; filters: CaseFilters }): number {
    const remote =
      this.status === 'signed_in' ? this.remoteSearch.matchesFor(view.customerId, view.filters.keyword) : undefined;
    const textMatches = this.options.cache.textMatches(view.filters.keyword);
    return this.markRead(this.options.cache.unreadIn({ ...view, alsoMatching: remote, textMatches }));
  }

  /** The user saw these cases: lists and the badge follow when any was unread. */
  private markRead(names: Iterable<string>): number {
    if (this.disposed) return 0;
    const marked = this.options.cache.markRead(names);
    if (marked > 0) {
      this.context.emit('cases:changed', {});
      this.refreshAttention();
    }
    return marked;
  }

  syncStatus(): SyncStatus {
    return this.sync.status;
  }

  async syncNow(): Promise<SyncStatus> {
    if (this.status !== 'signed_in') return this.sync.status;
    return this.sync.runNow();
  }

  /** Stops syncing and saves the cache. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.remoteSearch.dispose();
    this.outbox.dispose();
    this.sync.pause();
    await this.options.cache.dispose();
    this.drafts.dispose();
    this.database.close();
  }

  private authorize(credentials: DomainCredentials): void {
    this.currentRefreshToken = credentials.refreshToken;
    const provider: RefreshingTokenProvider = new RefreshingTokenProvider({
      refresher: this.oauth,
      refreshToken: credentials.refreshToken,
      initialAccessToken: credentials.accessToken,
      clock: this.options.clock,
      onSessionExpired: () => {
        if (this.tokenProvider === provider) this.onSessionExpired();
      },
      onRefreshTokenRotated: (refreshToken) => {
        this.currentRefreshToken = refreshToken;
        this.options.onRefreshTokenRotated(refreshToken);
      },
      onScopesGranted: (scopes) => {
        if (this.tokenProvider === provider) this.keepScopes(scopes);
      },
    });
    this.tokenProvider = provider;
    const clientOptions = {
      fetch: this.fetch,
      endpoints: this.options.endpoints,
      tokenProvider: provider,
      clock: this.options.clock,
    };
    this.clients = createApiClients(clientOptions);
    this.failFastClients = createApiClients({ ...clientOptions, retryPolicy: REMOTE_SEARCH_RETRY_POLICY });
    this.probeClients = createApiClients({
      ...clientOptions,
      retryPolicy: PROBE_RETRY_POLICY,
      timeoutMs: PROBE_TIMEOUT_MS,
    });
  }

  /** The grant's scopes as the last refresh reported them, remembered with the account when they changed. */
  private keepScopes(scopes: string[]): void {
    const known = this.identity.scopes ?? [];
    if (this.disposed || (known.length === scopes.length && known.every((scope, index) => scope === scopes[index]))) {
      return;
    }
    this.identity = { ...this.identity, scopes };
    this.options.onIdentityChanged?.(this.identity);
  }

  private onSessionExpired(): void {
    this.pauseForSignIn();
    this.options.onAccountChanged();
  }

  private pauseForSignIn(): void {
    this.sync.pause({
      state: 'error',
      error: new AppError('session_expired', `Sign in to ${this.domain} again to refresh its cases.`, {
        domain: this.domain,
      }).toData(),
    });
  }

  /** Where a keyword search of this domain may look: its customers' organizations, never another domain's. */
  private searchableOrganizations(customerId: string | undefined): string[] {
    const customers =
      customerId === undefined
        ? this.options.cache.customers().filter((customer) => customer.access === 'granted')
        : [this.options.cache.customer(customerId)].filter((customer) => customer?.access !== 'not_granted');
    return customers.flatMap((customer) => customer?.organization ?? []);
  }

  private requireClients(): ApiClients {
    if (!this.clients || this.status !== 'signed_in') {
      throw new AppError('session_expired', `Sign in to ${this.domain} again.`, { domain: this.domain });
    }
    return this.clients;
  }

  /**
   * How often the sync polls each reachable customer (see SyncTier): from its cached
   * cases, a case filed here and not yet indexed first.
   */
  private syncTiers(): Map<string, SyncTier> {
    const open = this.options.cache.openCustomers();
    const pending = new Set(this.options.cache.pendingCases().map((detail) => parentOfCase(detail.name)));
    const tiers = new Map<string, SyncTier>();
    for (const customer of this.options.cache.customers()) {
      if (customer.organization === null) continue;
      const waitingOnGoogle = open.get(customer.customerId);
      tiers.set(
        customer.customerId,
        pending.has(customer.organization)
          ? 'pending'
          : customer.access === 'not_granted'
            ? 'denied'
            : waitingOnGoogle === true
              ? 'hot'
              : waitingOnGoogle === false
                ? 'warm'
                : 'quiet',
      );
    }
    return tiers;
  }

  private async runSync(signal: AbortSignal, kind: PassKind, scope: PassScope): Promise<{ requests: number }> {
    const { requested } = kind;
    const clients = this.requireClients();
    const now = this.options.clock.now();
    const detailsDue =
      requested || this.customersDetailedAt === undefined || now - this.customersDetailedAt >= CUSTOMER_DETAILS_MS;
    const listDue = this.customersListedAt === undefined || now - this.customersListedAt >= CUSTOMER_LIST_MS;
    const refreshCustomers = detailsDue ? 'all' : listDue ? 'new' : false;
    const customersRevision = this.options.cache.customersRevision;
    // Until a first complete sync, every case would look new: nothing is compared.
    const firstSync = this.options.cache.lastSyncedAt === null;
    const found: DetectedChange[] = [];
    const result = await runSyncPass({
      domain: this.domain,
      clients,
      cache: this.options.cache,
      concurrency: this.options.syncConcurrency ?? DEFAULT_SYNC_CONCURRENCY,
      now: () => this.options.clock.now(),
      refreshCustomers,
      customerIds: scope.customerIds,
      caseNames: scope.caseNames,
      rereadCase: (name) => this.caseReads.refresh(name),
      onCaseStored: (detail) => {
        if (!this.disposed) this.context.emit('case:changed', { detail });
      },
      onCasesChanged: () => this.announceCasesSoon(),
      signal,
      changes: firstSync ? undefined : { userEmail: this.identity.email, own: this.ownChanges, found },
    })
      .catch((error: unknown) => {
        // A pass that fails after listing the customers (a user without the case privilege) still shows them.
        if (!this.disposed && this.options.cache.customersRevision !== customersRevision) {
          this.context.emit('cases:changed', {});
        }
        if (isAppError(error) && error.code === 'missing_privilege') this.setMissingPrivilege(error.detail?.privilege);
        // What the pages stored before the failure is unread already: it is announced now or never.
        if (!this.disposed && found.length > 0) {
          this.context.emit('cases:changed', {});
          this.refreshAttention();
          this.announceChanges(kind.catchUp ? 'catch_up' : 'live', found);
        }
        throw error;
      })
      .finally(() => {
        this.pendingAnnouncement?.cancel();
        this.pendingAnnouncement = undefined;
      });
    if (refreshCustomers) this.customersListedAt = now;
    if (refreshCustomers === 'all') this.customersDetailedAt = now;
    if (this.disposed) return result;
    if (result.changed > 0 || result.customersChanged) {
      this.remoteSearch.invalidate();
      this.context.emit('cases:changed', {});
    }
    this.refreshAttention();
    this.setMissingPrivilege(undefined);
    const reason = burstReason({ firstSync, catchUp: kind.catchUp, changes: found.length });
    if (reason) this.announceChanges(reason, reason === 'first_sync' ? [] : found);
    return result;
  }

  /** One burst per pass (see ChangeBurst): the attention count as the cache now has it. */
  private announceChanges(reason: ChangeBurst['reason'], changes: DetectedChange[]): void {
    this.options.onChanges?.({
      domain: this.domain,
      reason,
      changes,
      attentionCount: this.options.cache.attentionCount(),
    });
  }

  /** A well-formed case name under one of this domain's customers. */
  private ownsCase(name: string): boolean {
    try {
      return this.options.cache.customerOfOrganization(parentOfCase(name)) !== undefined;
    } catch {
      return false;
    }
  }

  /** Shown on the tab: learned from a refused sync, forgotten when a sync goes through. */
  private setMissingPrivilege(privilege: string | undefined): void {
    if (this.disposed || privilege === this.missingPrivilege) return;
    this.missingPrivilege = privilege;
    this.options.onAccountChanged();
  }

  /** During a pass, lists refresh at most once per PROGRESS_INTERVAL_MS; the pass's end announces at once. */
  private announceCasesSoon(): void {
    if (this.pendingAnnouncement || this.disposed) return;
    this.pendingAnnouncement = this.options.clock.setTimeout(() => {
      this.pendingAnnouncement = undefined;
      if (this.disposed) return;
      this.context.emit('cases:changed', {});
      this.refreshAttention();
    }, PROGRESS_INTERVAL_MS);
  }

  private refreshAttention(): void {
    const count = this.options.cache.attentionCount();
    if (count === this.attention) return;
    this.attention = count;
    this.options.onAccountChanged();
  }
}
