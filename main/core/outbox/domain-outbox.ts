import { randomBytes } from 'node:crypto';
import { AppError, appErrorSchema, type AppErrorCode, type AppErrorData } from '../../../shared/app-error';
import type { Draft, DraftContent } from '../../../shared/model/draft';
import {
  MAX_MESSAGE_CHARS,
  outboxSubmissionSchema,
  type OutboxItem,
  type OutboxState,
  type OutboxSubmission,
} from '../../../shared/model/outbox';
import type { DomainDrafts, DraftFileOnDisk } from '../drafts/domain-drafts';
import type { OutboxRow, OutboxStore } from '../storage/outbox-store';
import { newClientReference } from './client-reference';
import { deliver, findDelivered, type DeliveryDeps } from './submission-delivery';

/** A new case's file as the outbox uploads it: the draft's stored copy and what Google is told. */
export interface StoredFile {
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  path: string;
}

/** Uploads a stored copy to the case (with its transfer:progress); rejects with the AppError that stopped it. */
export type UploadStoredFile = (caseName: string, file: StoredFile, transferId: string) => Promise<unknown>;

export interface DomainOutboxDeps extends DeliveryDeps {
  store: OutboxStore;
  /** True when the case belongs to one of this domain's customers. */
  ownsCase(name: string): boolean;
  /**
   * The domain's drafts, sole owner of their table: a submission consumes its draft in
   * the transaction that inserts its row; the draft's copies are what a new case uploads.
   */
  drafts: Pick<DomainDrafts, 'consume' | 'unconsume' | 'release' | 'filesOf' | 'save' | 'has'>;
  uploadFile: UploadStoredFile;
  retry?: OutboxRetryTuning;
  newId?: () => string;
  newReference?: () => string;
}

/** The timer that retries while the domain is online and something is still queued. */
export interface OutboxRetryTuning {
  initialMs: number;
  maxMs: number;
}

/** 5 s, doubling to 5 min: a 5xx storm is not hammered, a short glitch is soon over. */
export const DEFAULT_OUTBOX_RETRY: OutboxRetryTuning = { initialMs: 5_000, maxMs: 5 * 60_000 };

/** Sent items shown in the outbox, newest first; older ones are forgotten. */
export const SENT_ITEMS_KEPT = 50;

/** Refusals that retrying cannot fix: the item stops, its text kept, until the user acts. */
const PERMANENT: ReadonlySet<AppErrorCode> = new Set([
  'no_reseller_access',
  'missing_privilege',
  'failed_precondition',
  'too_large',
  'invalid_argument',
  'not_found',
  'wrong_domain',
  'bad_request',
  'internal',
]);

/** Failures that say the whole domain cannot be reached now: the pass stops until a reason to resume. */
const DOMAIN_DOWN: ReadonlySet<AppErrorCode> = new Set(['offline', 'session_expired']);

/** A file of the item's draft, as consumed: the copy read at upload must still have this sha256. */
interface OutboxFile {
  fileId: string;
  transferId: string;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
}

/** The outbox row's payload column. */
interface Payload {
  submission: OutboxSubmission;
  files: OutboxFile[];
  /** Files uploaded to the case. */
  uploaded: string[];
  /** Files whose upload may have left: checked on the case before another try. */
  tried: string[];
}

type Outcome = 'sent' | 'failed' | 'retry' | 'down';

/**
 * One domain's outbox: submissions committed to its database before any request leaves,
 * then sent in order per case (new cases in the order filed) by one sender. Exactly once
 * without an idempotency key: a row is marked `maybe_committed` (committed to disk) before
 * each request, and the next attempt of such a row first looks its client reference up
 * (cases.list by the user for a new case, comments.list for a message) and takes a match as
 * sent. A failure retrying can fix keeps the row queued with its reason; it resumes when
 * the domain is reachable again (connectivity onRetry: OS online, wake, a request that
 * succeeded), after a new sign-in, and on a bounded backoff timer while online. A refusal
 * stops the row as `failed`, its text kept.
 */
export class DomainOutbox {
  private running: Promise<void> | null = null;
  private rerun = false;
  private timer: { cancel(): void } | undefined;
  /** Consecutive passes that left work queued: the backoff's exponent. */
  private idlePasses = 0;
  private lastStop: AppErrorCode | undefined;
  /**
   * Why the last pass stopped (the domain down): the reason of every queued row it did not
   * reach, which has none of its own, so the outbox never shows an item waiting for nothing.
   */
  private stoppedBy: AppErrorData | undefined;
  /** The row whose request is in flight: it cannot be edited or discarded meanwhile. */
  private inFlight: string | undefined;
  private disposed = false;
  private readonly unsubscribe: () => void;
  private readonly retry: OutboxRetryTuning;
  private readonly newId: () => string;
  private readonly newReference: () => string;

  constructor(private readonly deps: DomainOutboxDeps) {
    this.retry = deps.retry ?? DEFAULT_OUTBOX_RETRY;
    this.newId = deps.newId ?? (() => randomBytes(12).toString('base64url'));
    this.newReference = deps.newReference ?? newClientReference;
    // A row left `sending` by a crash may have reached Google: it is looked up before any resend.
    for (const row of deps.store.all()) {
      if (row.state === 'sending') {
        deps.store.update(row.id, { state: 'queued', maybeCommitted: true, updatedAt: this.now() });
      }
      // Sent just before a crash, its draft not released yet.
      if (row.state === 'sent' && row.draftId !== null && deps.drafts.has(row.draftId)) this.release(row);
    }
    this.unsubscribe = deps.context.connectivity.onRetry(() => this.resumeOnSignal());
  }

  private get domain(): string {
    return this.deps.context.domain;
  }

  list(): OutboxItem[] {
    return this.deps.store
      .all()
      .map((row) => this.toItem(row))
      .reverse();
  }

  /**
   * Commits the submission, then sends what is queued (this item in its turn). With a
   * draft, the row's insertion and the draft's consumption are one transaction: both or
   * neither. Answers the item as it stands after that attempt; a refusal retrying cannot
   * fix on the very first attempt removes the item, gives the draft back and rejects.
   */
  async submit(draftId: string | null, input: OutboxSubmission): Promise<OutboxItem> {
    const submission = outboxSubmissionSchema.parse(input);
    this.check(submission);
    const now = this.now();
    const row = this.deps.store.transaction(() => {
      const draft = draftId === null ? null : this.deps.drafts.consume(draftId);
      const files = filesOf(submission, draft);
      const payload: Payload = { submission, files, uploaded: [], tried: [] };
      return this.deps.store.insert({
        id: this.newId(),
        kind: submission.kind,
        caseName: submission.kind === 'new_case' ? null : submission.caseName,
        customerId: submission.kind === 'new_case' ? submission.newCase.customerId : null,
        draftId,
        reference: this.newReference(),
        payload: JSON.stringify(payload),
        state: 'queued',
        attempts: 0,
        maybeCommitted: false,
        lastError: null,
        result: null,
        createdAt: now,
        updatedAt: now,
      });
    });
    this.changed();
    if (draftId !== null) this.deps.context.emit('drafts:changed', {});
    await this.drain();
    const after = this.deps.store.get(row.id);
    if (!after) throw new AppError('not_found', 'The item left the outbox while it was sent.');
    if (after.state === 'failed' && after.attempts <= 1 && after.result === null) {
      this.deps.store.transaction(() => {
        this.deps.store.remove(row.id);
        if (draftId !== null) this.deps.drafts.unconsume(draftId);
      });
      this.changed();
      throw AppError.fromData(errorOf(after) ?? { code: 'internal', message: 'Refused.' });
    }
    return this.toItem(after);
  }

  /** Sends a queued or failed item again now. */
  async retryItem(id: string): Promise<OutboxItem> {
    const row = this.requireRow(id);
    if (row.state === 'failed') {
      this.deps.store.update(id, { state: 'queued', updatedAt: this.now() });
      this.changed();
    }
    await this.drain();
    return this.toItem(this.requireRow(id));
  }

  /**
   * Takes an item not yet sent back into its draft, as the user left it (step, files,
   * text), in one transaction with the row's removal. An item submitted without a draft
   * becomes a new one (the text as the user wrote it, without the tag).
   */
  edit(id: string): Draft {
    const row = this.requireIdle(id, 'edit');
    const draft = this.deps.store.transaction(() => {
      this.deps.store.remove(id);
      if (row.draftId !== null) return this.deps.drafts.unconsume(row.draftId);
      const content = draftContentOf(parsePayload(row).submission);
      const saved = this.deps.drafts.save(this.newId(), content);
      return { ...saved, domain: this.domain, content, files: [], createdAt: saved.updatedAt };
    });
    this.changed();
    this.deps.context.emit('drafts:changed', {});
    return draft;
  }

  /** Forgets an item not sent yet (of a new case already made: its files not uploaded yet), and its draft. */
  discard(id: string): void {
    const row = this.requireIdle(id, 'discard');
    this.deps.store.remove(id);
    this.release(row);
    this.changed();
  }

  /** Sends what is queued now (a new sign-in, the app started signed in). */
  resume(): void {
    void this.drain();
  }

  /**
   * A reason to try again (OS online, wake, an answer after a failure). During a pass it
   * is not acted on: it is then most often the pass's own doing (a dropped create, then its
   * read-back answered: offline → online), and a rerun for it would resend at once, again
   * and again, without backoff. The pass's end schedules the timer if the domain is online;
   * a pass stopped offline waits for the next signal (the sync loop's catch-up gives one).
   */
  private resumeOnSignal(): void {
    if (!this.running) void this.drain();
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.unsubscribe();
  }

  private check(submission: OutboxSubmission): void {
    if (submission.kind === 'new_case') {
      if (this.deps.organizationOf(submission.newCase.customerId) === undefined) {
        throw new AppError('not_found', `${submission.newCase.customerId} is not a customer of ${this.domain}.`, {
          customerId: submission.newCase.customerId,
        });
      }
      return;
    }
    if (!this.deps.ownsCase(submission.caseName)) {
      throw new AppError('not_found', `This case does not belong to a customer of ${this.domain}.`, {
        name: submission.caseName,
      });
    }
    if (submission.kind === 'comment' && submission.body.trim().length > MAX_MESSAGE_CHARS) {
      // The reference travels in the message, so it takes its share of Google's limit.
      throw new AppError('invalid_argument', `A message holds at most ${MAX_MESSAGE_CHARS} characters.`, {
        field: 'body',
        maxChars: String(MAX_MESSAGE_CHARS),
        length: String(submission.body.trim().length),
      });
    }
  }

  /** Runs a pass now, or once more after the one under way; resolves when none is left to run. */
  private drain(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.timer?.cancel();
    this.timer = undefined;
    this.running = (async () => {
      do {
        this.rerun = false;
        await this.pass();
      } while (this.rerun && !this.disposed);
    })()
      .catch((error: unknown) => {
        if (!this.disposed) this.deps.context.log.warn(`The outbox of ${this.domain} stopped a pass`, error);
      })
      .finally(() => {
        this.running = null;
        this.scheduleRetry();
      });
    return this.running;
  }

  /** Each queued row once, in order; a row waits while an earlier one of its case is still queued. */
  private async pass(): Promise<void> {
    const blocked = new Set<string>();
    const tried = new Set<string>();
    this.lastStop = undefined;
    this.stoppedBy = undefined;
    for (;;) {
      if (this.disposed) return;
      const next = this.deps.store
        .all()
        .find((row) => isPending(row.state) && !tried.has(row.id) && !blocked.has(orderKey(row)));
      if (!next) return;
      tried.add(next.id);
      const outcome = await this.attempt(next);
      // Progress: the next wait starts short again.
      if (outcome === 'sent') this.idlePasses = 0;
      if (outcome === 'retry') blocked.add(orderKey(next));
      if (outcome === 'down') return;
    }
  }

  private async attempt(row: OutboxRow): Promise<Outcome> {
    const payload = parsePayload(row);
    // From its look-up on, the row is the sender's: edit and discard wait for the outcome.
    this.inFlight = row.id;
    try {
      let result = resultOf(row);
      if (!result) {
        if (row.maybeCommitted) result = await findDelivered(this.deps, row.reference, payload.submission);
        if (!result) {
          // Committed before the request leaves: a crash from here on means "look it up first".
          this.deps.store.update(row.id, {
            state: 'sending',
            attempts: row.attempts + 1,
            maybeCommitted: true,
            updatedAt: this.now(),
          });
          this.changed();
          result = await deliver(this.deps, row.reference, payload.submission);
        }
        this.deps.store.update(row.id, {
          result: JSON.stringify(result),
          caseName: result.caseName,
          maybeCommitted: false,
          updatedAt: this.now(),
        });
      }
      if (payload.files.length > payload.uploaded.length) await this.uploadFiles(row, result.caseName, payload);
      this.deps.store.update(row.id, { state: 'sent', lastError: null, updatedAt: this.now() });
      this.deps.store.pruneSent(SENT_ITEMS_KEPT);
      this.release(row);
      this.changed();
      return 'sent';
    } catch (error) {
      if (this.disposed) return 'down';
      const failure = asAppError(error);
      const permanent = PERMANENT.has(failure.code);
      const current = this.deps.store.get(row.id);
      if (!current) return 'failed';
      this.deps.store.update(row.id, {
        state: permanent ? 'failed' : 'queued',
        lastError: JSON.stringify(failure.toData()),
        // A refusal is an answer: nothing was committed. Otherwise the flag set before sending stays.
        maybeCommitted: permanent ? false : current.maybeCommitted && !notSent(row.kind, failure),
        updatedAt: this.now(),
      });
      this.changed();
      if (permanent) return 'failed';
      if (DOMAIN_DOWN.has(failure.code) && failure.detail?.maybeCommitted !== 'true') {
        this.lastStop = failure.code;
        this.stoppedBy = failure.toData();
        return 'down';
      }
      return 'retry';
    } finally {
      this.inFlight = undefined;
    }
  }

  /** Uploads the files not yet on the case; one that may have landed is checked by name and size first. */
  private async uploadFiles(row: OutboxRow, caseName: string, payload: Payload): Promise<void> {
    const { id } = row;
    const save = () => this.deps.store.update(id, { payload: JSON.stringify(payload), updatedAt: this.now() });
    for (const file of payload.files) {
      if (payload.uploaded.includes(file.fileId)) continue;
      const retried = payload.tried.includes(file.fileId);
      if (retried) {
        const existing = await this.deps.cloudSupport().listAttachments(caseName, { pageSize: 100 }).toArray();
        if (existing.some((a) => a.filename === file.name && Number(a.sizeBytes) === file.size)) {
          payload.uploaded.push(file.fileId);
          save();
          continue;
        }
      } else {
        payload.tried.push(file.fileId);
        save();
      }
      await this.deps.uploadFile(caseName, this.storedCopy(row, file), retried ? this.newId() : file.transferId);
      payload.uploaded.push(file.fileId);
      save();
    }
  }

  /** The item is done with its draft (sent, or discarded): the draft goes, with the copies no other draft holds. */
  private release(row: OutboxRow): void {
    if (row.draftId === null) return;
    this.deps.drafts
      .release(row.draftId)
      .catch((error: unknown) => this.deps.context.log.warn(`Releasing the draft of ${row.id} failed`, error));
  }

  /** Where the draft keeps the file now (its folder may have moved with the data folder since). */
  private storedCopy(row: OutboxRow, file: OutboxFile): StoredFile {
    const copy =
      row.draftId === null ? undefined : this.deps.drafts.filesOf(row.draftId).find((f) => f.fileId === file.fileId);
    if (!copy || copy.sha256 !== file.sha256) {
      throw new AppError('not_found', `The stored copy of "${file.name}" is gone: attach the file again.`, {
        reason: 'file_not_staged',
        filename: file.name,
      });
    }
    return { name: file.name, size: file.size, mimeType: file.mimeType, sha256: file.sha256, path: copy.path };
  }

  /** While online and something is queued, tries again after a growing delay. */
  private scheduleRetry(): void {
    if (this.disposed || this.timer) return;
    const waiting = this.deps.store.all().some((row) => row.state === 'queued');
    if (!waiting) {
      this.idlePasses = 0;
      return;
    }
    // Offline: the connectivity's onRetry resumes. Signed out: the next sign-in does.
    if (!this.deps.context.connectivity.online || this.lastStop === 'session_expired') return;
    const delay = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** this.idlePasses);
    this.idlePasses += 1;
    this.timer = this.deps.context.clock.setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delay);
  }

  private requireRow(id: string): OutboxRow {
    const row = this.deps.store.get(id);
    if (!row) throw new AppError('not_found', `No item ${id} in the outbox of ${this.domain}.`, { id });
    return row;
  }

  /**
   * A row the user may take back: not sent, no request in flight. Edit also needs nothing
   * of it on Google yet; discard may give up a new case's files once the case exists.
   */
  private requireIdle(id: string, action: 'edit' | 'discard'): OutboxRow {
    const row = this.requireRow(id);
    const madeAlready = action === 'edit' && row.result !== null;
    if (row.state === 'sent' || row.state === 'sending' || this.inFlight === id || madeAlready) {
      throw new AppError('failed_precondition', 'This item is being sent or was sent.', {
        reason: 'outbox_item_busy',
        id,
      });
    }
    return row;
  }

  private toItem(row: OutboxRow): OutboxItem {
    const error = errorOf(row) ?? (row.state === 'queued' ? this.stoppedBy : undefined);
    const result = resultOf(row);
    return {
      id: row.id,
      domain: this.domain,
      draftId: row.draftId,
      submission: parsePayload(row).submission,
      reference: row.reference,
      state: row.state as OutboxState,
      attempts: row.attempts,
      ...(error && row.state !== 'sent' ? { error } : {}),
      ...(result ? { result } : {}),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private changed(): void {
    if (!this.disposed) this.deps.context.emit('outbox:changed', {});
  }

  private now(): string {
    return new Date(this.deps.context.clock.now()).toISOString();
  }
}

/**
 * A new case's files: each one the draft holds (its stored copy, not a staged file that a
 * restart forgets). A draft of another kind or case cannot be consumed by this submission.
 */
function filesOf(submission: OutboxSubmission, draft: (Draft & { files: DraftFileOnDisk[] }) | null): OutboxFile[] {
  if (draft && !sameSubject(submission, draft.content)) {
    throw new AppError('invalid_argument', `Draft ${draft.id} is not this ${submission.kind} submission's draft.`, {
      field: 'draftId',
    });
  }
  if (submission.kind !== 'new_case') return [];
  return submission.newCase.attachments.map(({ fileId, transferId }) => {
    const file = draft?.files.find((candidate) => candidate.fileId === fileId);
    if (!file) {
      throw new AppError('not_found', 'This file is not ready to upload any more: pick or drop it again.', {
        reason: 'file_not_staged',
      });
    }
    return { fileId, transferId, name: file.name, size: file.size, mimeType: file.mimeType, sha256: file.sha256 };
  });
}

function sameSubject(submission: OutboxSubmission, content: DraftContent): boolean {
  if (submission.kind === 'new_case') return content.kind === 'new_case';
  return content.kind === submission.kind && content.caseName === submission.caseName;
}

function isPending(state: string): boolean {
  return state === 'queued' || state === 'sending';
}

/** Items with the same key are sent one after the other, in the order submitted. */
function orderKey(row: OutboxRow): string {
  return row.kind === 'new_case' && row.result === null ? 'new_case' : `case:${row.caseName ?? ''}`;
}

/**
 * A failure that proves a new case's request did not reach Google: refused before sending
 * (no session), or the connection could not be opened. A message's send reads the case
 * back afterwards, so its failures stay ambiguous.
 */
function notSent(kind: string, error: AppError): boolean {
  if (kind !== 'new_case' || error.detail?.maybeCommitted === 'true') return false;
  return error.code === 'session_expired' || error.code === 'quota' || error.code === 'offline';
}

function parsePayload(row: OutboxRow): Payload {
  return JSON.parse(row.payload) as Payload;
}

function resultOf(row: OutboxRow): { caseName: string } | null {
  return row.result ? (JSON.parse(row.result) as { caseName: string }) : null;
}

function errorOf(row: OutboxRow): AppErrorData | undefined {
  if (!row.lastError) return undefined;
  const parsed = appErrorSchema.safeParse(JSON.parse(row.lastError));
  return parsed.success ? parsed.data : undefined;
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', error instanceof Error ? error.message : String(error));
}

/** The submission as a draft again, as the user wrote it. */
function draftContentOf(submission: OutboxSubmission): DraftContent {
  switch (submission.kind) {
    case 'new_case': {
      const { newCase } = submission;
      return {
        kind: 'new_case',
        step: 'review',
        customerId: newCase.customerId,
        title: newCase.title,
        categoryQuery: newCase.classification.displayName,
        classification: newCase.classification,
        details: newCase.description,
        answers: {},
        priority: newCase.priority,
        languageCode: newCase.languageCode,
        timeZone: newCase.timeZone,
        localeSource: 'user',
        subscribersText: newCase.subscriberEmailAddresses.join(', '),
      };
    }
    case 'comment':
      return { kind: 'comment', caseName: submission.caseName, body: submission.body };
    case 'priority':
      return { kind: 'priority', caseName: submission.caseName, priority: submission.priority };
    case 'share':
      return {
        kind: 'share',
        caseName: submission.caseName,
        subscribersText: submission.subscriberEmailAddresses.join(', '),
      };
  }
}
