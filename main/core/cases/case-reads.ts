import { AppError, isAppError } from '../../../shared/app-error';
import type { CaseDetail } from '../../../shared/model/case';
import type { CloudSupportClient } from '../api/cloud-support-client';
import type { DomainContext } from '../domain/domain-context';
import { readCaseDetail } from './case-reader';
import type { DomainCache } from './domain-cache';

export interface CaseReadsDeps {
  context: DomainContext;
  cache: DomainCache;
  /** `failFast`: the clients that never sleep through a 429 or retry a 503 (a user is waiting). */
  cloudSupport(failFast: boolean): CloudSupportClient;
  /** Stores the case read and tells every view (DomainSession.recordCase). */
  record(detail: CaseDetail): void;
  /** The user opened the case: it is read (DomainSession.markRead). */
  markRead(name: string): void;
  /** The user opened this case (the sync follows it up for a while). */
  opened?(name: string): void;
  stopped(): boolean;
}

/**
 * One domain's case reads: a case the user opens comes from the cache at once when its
 * history is saved, refreshed in the background; otherwise it is read from the network,
 * failing fast, and at once with `offline` while the domain does not answer. Reads of one
 * case in flight are joined.
 */
export class CaseReads {
  private readonly inFlight = new Map<string, Promise<CaseDetail>>();

  constructor(private readonly deps: CaseReadsDeps) {}

  /**
   * Marks the case read (the user sees it). The cached case at once when its history is cached (`case:changed` follows the
   * refresh, or `case:refreshFailed` with the cause: at once while the domain is offline,
   * no request is tried); otherwise read from the network.
   */
  async open(name: string): Promise<{ detail: CaseDetail | null; source: 'cache' | 'network'; savedAt?: string }> {
    this.deps.opened?.(name);
    const cached = this.deps.cache.getCase(name);
    // Only a case in the cache can be unread; another domain's or an unknown name is refused below.
    if (cached) this.deps.markRead(name);
    if (cached?.threadLoaded) {
      this.refreshInBackground(name);
      return { detail: cached.detail, source: 'cache', savedAt: cached.cachedAt };
    }
    if (!this.deps.context.connectivity.online) {
      throw this.offline(`${this.deps.context.domain} cannot be reached, and this case is not saved on this computer.`);
    }
    return { detail: await this.joined(name), source: 'network' };
  }

  /** Reads a case from the API now (not joining a read in flight) and records it. */
  refresh(name: string): Promise<CaseDetail> {
    return this.read(name, false);
  }

  private refreshInBackground(name: string): void {
    const { context } = this.deps;
    const failed = (error: AppError) => {
      if (!this.deps.stopped()) context.emit('case:refreshFailed', { name, error: error.toData() });
    };
    if (!context.connectivity.online) {
      // After case:get's own answer, as a refresh's outcome would come.
      const error = this.offline(`${context.domain} cannot be reached: the saved copy of ${name} stays.`);
      context.clock.setTimeout(() => failed(error), 0);
      return;
    }
    this.joined(name).catch((error: unknown) => {
      context.log.warn(`Refreshing ${name} failed`, error);
      failed(isAppError(error) ? error : new AppError('internal', `Refreshing ${name} failed.`));
    });
  }

  private offline(message: string): AppError {
    return new AppError('offline', message, { domain: this.deps.context.domain });
  }

  /** A read for a case the user opened: fail fast, joined with a read of it in flight. */
  private joined(name: string): Promise<CaseDetail> {
    let pending = this.inFlight.get(name);
    if (!pending) {
      pending = this.read(name, true).finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, pending);
    }
    return pending;
  }

  private async read(name: string, failFast: boolean): Promise<CaseDetail> {
    const { context, cache } = this.deps;
    const detail = await readCaseDetail(
      { domain: context.domain, cache, cloudSupport: this.deps.cloudSupport(failFast) },
      name,
    );
    this.deps.record(detail);
    return detail;
  }
}
