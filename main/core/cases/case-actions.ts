import { AppError, PRECONDITION_REASONS } from '../../../shared/app-error';
import type { CaseDetail, Priority } from '../../../shared/model/case';
import {
  MAX_COMMENT_CHARS,
  subscriberEmailSchema,
  type CaseClassificationChoice,
  type EscalationReasonValue,
  type NewCase,
} from '../../../shared/model/case-actions';
import type { Customer } from '../../../shared/model/customer';
import { REOPEN_WINDOW_MS, reopenWindow } from '../../../shared/model/reopen-window';
import type { CloudSupportClient, NewCase as ApiNewCase } from '../api/cloud-support-client';
import { ERROR_REASONS, type Case } from '../../google-wire/google-types';
import { buildClassificationQuery } from '../api/query-builder';
import type { Clock } from '../ports';
import type { OwnChanges } from '../sync/own-changes';
import { toCaseDetail } from './case-mapper';
import { customerOfCase, readCaseDetail } from './case-reader';
import { PerCaseQueue } from './per-case-queue';
import type { DomainCache } from './domain-cache';
import { keywordTokens, normalizeForSearch } from './search-text';

export interface CaseActionsDeps {
  domain: string;
  /** This domain's Cloud Support client; throws session_expired while the domain must sign in again. */
  cloudSupport(): CloudSupportClient;
  cache: DomainCache;
  clock: Clock;
  log: { warn(message: string, error?: unknown): void };
  /** The signed-in user's email: the read-back after an ambiguous create looks at their cases only. */
  userEmail(): string;
  /** Stores a case read or changed through the API and tells every view (DomainSession.recordCase). */
  record(detail: CaseDetail): void;
  /** The user's own changes, which the sync must not report as Google's (none: nobody asks). */
  ownChanges?: Pick<OwnChanges, 'begin' | 'record'>;
  /** A customer's reseller access turned out to be refused: the customer views must redraw. */
  customersChanged(): void;
}

/** Categories offered per search: the first page, as the portal's type-ahead shows. */
const CLASSIFICATION_PAGE_SIZE = 100;

/**
 * How far before our own clock a case made by an ambiguous create may carry its
 * server-side createTime (clock skew between this machine and Google's).
 */
const CREATE_READ_BACK_SKEW_MS = 5 * 60_000;

/**
 * The actions on one domain's cases, as the portal allows them: file a case for a
 * customer that granted reseller access, change its priority, close it, escalate it
 * (Premium customers), comment (which reopens a case closed within 30 days), share it.
 * Every action first checks, without a request, that the case or customer belongs to
 * this domain, and refuses what the cache already knows the API would refuse; it then
 * reads the case back in full and records it, so every view shows the result at once.
 * Actions on one case run one after the other, so their read-backs land in order.
 */
export class CaseActions {
  private readonly queue = new PerCaseQueue();
  /** Creates whose connection dropped after sending, not yet resolved by a read-back; by request. */
  private readonly ambiguousCreates = new Map<string, number>();
  /** Creates in flight, by request: a second submit of the same case joins the first. */
  private readonly creating = new Map<string, Promise<CaseDetail>>();

  constructor(private readonly deps: CaseActionsDeps) {}

  /**
   * Categories whose name holds every word typed (any order, accents ignored). Google
   * matches one `display_name` pattern, so the longest word goes to the server and the
   * others are checked here. An empty query lists the first page.
   */
  async searchClassifications(query: string): Promise<CaseClassificationChoice[]> {
    const words = query
      .replace(/["*\\]/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
    const longest = words.reduce((best, word) => (word.length > best.length ? word : best), '');
    const listing = this.deps
      .cloudSupport()
      .searchClassifications(buildClassificationQuery(longest), { pageSize: CLASSIFICATION_PAGE_SIZE });
    const found = await listing.toArray(CLASSIFICATION_PAGE_SIZE);
    const tokens = keywordTokens(words.join(' '));
    return found
      .filter((classification) => classification.id && classification.displayName !== undefined)
      .filter((classification) => {
        const name = normalizeForSearch(classification.displayName ?? '');
        return tokens.every((token) => name.includes(token));
      })
      .map((classification) => ({ id: classification.id as string, displayName: classification.displayName ?? '' }));
  }

  /**
   * Files the case under the customer's organization and records it at once as
   * `pending` (cases.search lists it only after its indexing delay; the sync then
   * replaces the entry). If the connection dropped after the request left, the case is
   * looked for before anything is reported, and a retry looks again before filing: the
   * same request never files two cases (nor does submitting it twice at once).
   */
  async create(input: NewCase): Promise<CaseDetail> {
    const key = JSON.stringify([input.customerId, input.title, input.description]);
    let running = this.creating.get(key);
    if (!running) {
      running = this.fileCase(input, key).finally(() => this.creating.delete(key));
      this.creating.set(key, running);
    }
    return running;
  }

  private async fileCase(input: NewCase, key: string): Promise<CaseDetail> {
    const customer = this.fileableCustomer(input.customerId);
    const parent = customer.organization as string;
    const request: ApiNewCase = {
      displayName: input.title,
      description: input.description,
      classificationId: input.classification.id,
      priority: input.priority,
      timeZone: input.timeZone,
      languageCode: input.languageCode,
      subscriberEmailAddresses: checkEmails(input.subscriberEmailAddresses),
    };
    const cloudSupport = this.deps.cloudSupport();
    const earlierAttempt = this.ambiguousCreates.get(key);
    let wire = earlierAttempt === undefined ? null : await this.findCreated(parent, request, earlierAttempt);
    if (!wire) {
      const attemptedAt = this.deps.clock.now();
      try {
        wire = await cloudSupport.createCase(parent, request);
      } catch (error) {
        if (!(error instanceof AppError) || error.detail?.maybeCommitted !== 'true') {
          throw this.refusal(error, customer);
        }
        this.ambiguousCreates.set(key, earlierAttempt ?? attemptedAt);
        wire = await this.findCreated(parent, request, earlierAttempt ?? attemptedAt).catch((readBack: unknown) => {
          this.deps.log.warn(`Could not check whether a case was filed for ${customer.customerId}`, readBack);
          throw error;
        });
        if (!wire) {
          // The read-back answered: nothing was filed, so a retry may file again.
          this.ambiguousCreates.delete(key);
          throw error;
        }
      }
    }
    this.ambiguousCreates.delete(key);
    const detail: CaseDetail = {
      ...toCaseDetail(wire, {
        domain: this.deps.domain,
        customerId: customer.customerId,
        customerName: customer.organizationName,
      }),
      pending: true,
    };
    this.deps.record(detail);
    return detail;
  }

  async setPriority(name: string, priority: Priority): Promise<CaseDetail> {
    return this.act(name, async (cloudSupport) => {
      await cloudSupport.updateCase(name, { priority });
    });
  }

  async close(name: string): Promise<CaseDetail> {
    return this.act(name, async (cloudSupport) => {
      await cloudSupport.closeCase(name);
    });
  }

  /** Premium support customers only: others are refused here, without a request. */
  async escalate(name: string, reason: EscalationReasonValue, justification: string): Promise<CaseDetail> {
    const customer = customerOfCase(this.deps.domain, this.deps.cache, name);
    if (customer.access !== 'not_granted' && !customer.premiumSupport) throw notPremium(customer);
    return this.act(name, async (cloudSupport) => {
      await cloudSupport.escalateCase(name, { reason, justification });
    });
  }

  /**
   * A message to support. On a closed case it reopens it within 30 days of closing;
   * later it is refused (reopen_window_expired, with the closing date) as the API would.
   * The cached state may be stale, so a case the cache shows closed is read first.
   */
  async comment(name: string, body: string): Promise<CaseDetail> {
    const text = body.trim();
    if (!text) throw new AppError('invalid_argument', 'The message is empty.', { field: 'body' });
    if (text.length > MAX_COMMENT_CHARS) {
      throw new AppError('invalid_argument', `A message holds at most ${MAX_COMMENT_CHARS} characters.`, {
        field: 'body',
        maxChars: String(MAX_COMMENT_CHARS),
        length: String(text.length),
      });
    }
    return this.act(name, async (cloudSupport) => {
      if (this.deps.cache.getCase(name)?.detail.state === 'CLOSED') {
        const current = await cloudSupport.getCase(name);
        const window =
          current.state === 'CLOSED'
            ? reopenWindow({ state: 'CLOSED', updateTime: current.updateTime ?? '' }, this.deps.clock.now())
            : null;
        if (window && !window.open) throw reopenExpired(window.closedAt, window.deadline);
      }
      await cloudSupport.createComment(name, text);
    });
  }

  /** Replaces the subscribers; only subscriber_email_addresses is in the update mask. */
  async setSubscribers(name: string, emails: string[]): Promise<CaseDetail> {
    const subscribers = checkEmails(emails);
    return this.act(name, async (cloudSupport) => {
      await cloudSupport.updateCase(name, { subscriberEmailAddresses: subscribers });
    });
  }

  /** Checks the case is this domain's, runs the change, then reads the case back and records it. */
  private async act(name: string, change: (cloudSupport: CloudSupportClient) => Promise<void>): Promise<CaseDetail> {
    const customer = customerOfCase(this.deps.domain, this.deps.cache, name);
    if (customer.access === 'not_granted') throw noResellerAccess(customer);
    return this.queue.run(name, async () => {
      const cloudSupport = this.deps.cloudSupport();
      // From the request to its recorded answer, a sync listing the case sees the user's own change.
      const acted = this.deps.ownChanges?.begin(name);
      try {
        try {
          await change(cloudSupport);
        } catch (error) {
          const refusal = this.refusal(error, customer);
          // The case is not what this view believed (closed, escalated meanwhile): show it as it is.
          if (refusal instanceof AppError && refusal.code === 'failed_precondition') this.refreshQuietly(name);
          throw refusal;
        }
        const detail = await readCaseDetail({ domain: this.deps.domain, cache: this.deps.cache, cloudSupport }, name);
        this.deps.ownChanges?.record(name, detail.updateTime);
        this.deps.record(detail);
        return detail;
      } finally {
        acted?.();
      }
    });
  }

  private refreshQuietly(name: string): void {
    Promise.resolve()
      .then(() =>
        readCaseDetail(
          { domain: this.deps.domain, cache: this.deps.cache, cloudSupport: this.deps.cloudSupport() },
          name,
        ),
      )
      .then((detail) => this.deps.record(detail))
      .catch((error: unknown) => this.deps.log.warn(`Refreshing ${name} after a refusal failed`, error));
  }

  /** A customer of this domain whose access is not known to be refused, with an organization to file under. */
  private fileableCustomer(customerId: string): Customer {
    const customer = this.deps.cache.customer(customerId);
    if (!customer) {
      throw new AppError('not_found', `${customerId} is not a customer of ${this.deps.domain}.`, { customerId });
    }
    if (customer.access === 'not_granted') throw noResellerAccess(customer);
    if (!customer.organization) {
      throw new AppError(
        'not_found',
        `The Google Cloud organization of ${customer.organizationName} is not known yet; refresh and try again.`,
        { customerId },
      );
    }
    return customer;
  }

  private async findCreated(parent: string, request: ApiNewCase, attemptedAt: number): Promise<Case | null> {
    return this.deps.cloudSupport().findCreatedCase(parent, {
      displayName: request.displayName,
      description: request.description,
      creatorEmail: this.deps.userEmail(),
      createdAfter: new Date(attemptedAt - CREATE_READ_BACK_SKEW_MS),
    });
  }

  /** The API's refusals in the words the renderer has for them; the cache learns a refused access. */
  private refusal(error: unknown, customer: Customer): unknown {
    if (!(error instanceof AppError)) return error;
    if (error.code === 'no_reseller_access') {
      if (customer.access !== 'not_granted') {
        this.deps.cache.updateCustomer(customer.customerId, { access: 'not_granted' });
        this.deps.customersChanged();
      }
      return noResellerAccess(customer, error);
    }
    if (error.code !== 'failed_precondition') return error;
    if (error.detail?.reason === ERROR_REASONS.escalationRequiresPremium) return notPremium(customer, error);
    if (error.detail?.reason === ERROR_REASONS.reopenWindowExpired) {
      const closedAt = Date.parse(error.detail.closeTime ?? '');
      return Number.isFinite(closedAt)
        ? reopenExpired(new Date(closedAt).toISOString(), new Date(closedAt + REOPEN_WINDOW_MS).toISOString(), error)
        : new AppError('failed_precondition', error.message, { reason: PRECONDITION_REASONS.reopenWindowExpired });
    }
    return error;
  }
}

function noResellerAccess(customer: Customer, cause?: unknown): AppError {
  return new AppError(
    'no_reseller_access',
    `${customer.organizationName} has not authorized reseller access: a super admin of the customer must allow it in the Google Admin console.`,
    { customerId: customer.customerId, customerName: customer.organizationName },
    { cause },
  );
}

function notPremium(customer: Customer, cause?: unknown): AppError {
  return new AppError(
    'failed_precondition',
    `Escalation needs Premium support; ${customer.organizationName} does not have it.`,
    {
      reason: PRECONDITION_REASONS.notPremium,
      customerId: customer.customerId,
      customerName: customer.organizationName,
    },
    { cause },
  );
}

function reopenExpired(closedAt: string, deadline: string, cause?: unknown): AppError {
  return new AppError(
    'failed_precondition',
    `The case was closed on ${closedAt}, more than 30 days ago: it cannot be reopened; file a follow-up case.`,
    { reason: PRECONDITION_REASONS.reopenWindowExpired, closedAt, deadline },
    { cause },
  );
}

/** Subscriber emails checked and de-duplicated (case-insensitively), in the order given. */
function checkEmails(emails: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of emails) {
    const email = raw.trim();
    if (!subscriberEmailSchema.safeParse(email).success) {
      throw new AppError('invalid_argument', `"${email}" is not an email address.`, {
        field: 'subscriberEmailAddresses',
        value: email.slice(0, 254),
      });
    }
    const folded = email.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    result.push(email);
  }
  return result;
}
