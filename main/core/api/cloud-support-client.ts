import { MAX_COMMENT_CHARS } from '../../../shared/model/case-actions';
import { AppError } from '../../../shared/app-error';
import type { FileSink, FileSource } from '../ports';
import {
  ESCALATION_REASONS,
  PRIORITIES,
  type Attachment,
  type Case,
  type CaseClassification,
  type Comment,
  type EscalationReason,
  type ListAttachmentsResponse,
  type ListCasesResponse,
  type ListCommentsResponse,
  type Priority,
  type SearchCaseClassificationsResponse,
  type SearchCasesResponse,
} from '../../google-wire/google-types';
import { joinUrl, type HttpTransport } from './http-transport';
import { buildMultipartUpload, type ProgressCallback } from './multipart-body';
import { paged, type Paged } from './paging';
import { buildListFilter, buildSearchQuery, type CaseFilter } from './query-builder';
import { checkAttachmentName, checkCaseName, checkParent } from './resource-names';
import { mapNetworkError } from './rpc-error-mapper';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  filter?: CaseFilter;
  pageSize?: number;
}

export interface NewCase {
  displayName: string;
  description: string;
  classificationId: string;
  priority: Exclude<Priority, 'PRIORITY_UNSPECIFIED'>;
  timeZone?: string;
  languageCode?: string;
  subscriberEmailAddresses?: string[];
  contactEmail?: string;
  testCase?: boolean;
}

/** The fields cases.patch accepts; only those present are sent and put in the mask. */
export interface CaseChanges {
  priority?: Exclude<Priority, 'PRIORITY_UNSPECIFIED'>;
  displayName?: string;
  subscriberEmailAddresses?: string[];
}

const UPDATE_MASK_FIELDS: Record<keyof CaseChanges, string> = {
  priority: 'priority',
  displayName: 'display_name',
  subscriberEmailAddresses: 'subscriber_email_addresses',
};

export interface TransferOptions extends CallOptions {
  onProgress?: ProgressCallback;
}

export interface DownloadOptions extends TransferOptions {
  /** Size to report as the total when the server sends no Content-Length (Attachment.sizeBytes). */
  expectedBytes?: number;
}

export interface CreatedCaseQuery {
  displayName: string;
  description: string;
  /** The signed-in user's email: narrows the listing to their cases. */
  creatorEmail?: string;
  /** When the create was attempted (server clock); older matches are ignored. */
  createdAfter?: Date;
}

/**
 * Cloud Support API v2, every method Partner Desk uses. Listings are lazy `Paged`
 * iterables; writes are sent once and, when the connection fails mid-way, fail with
 * `detail.maybeCommitted = 'true'` so the caller can read back (see findCreatedCase).
 */
export class CloudSupportClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly baseUrl: string,
  ) {}

  /** cases.list: direct children of `parent`, visible at once (no indexing delay). */
  listCases(parent: string, options: ListOptions = {}): Paged<Case> {
    const url = this.url(`/v2/${checkParent(parent)}/cases`);
    const filter = buildListFilter(options.filter);
    return paged(
      (pageToken) =>
        this.transport.json<ListCasesResponse>({
          method: 'GET',
          url,
          query: { filter, pageSize: options.pageSize, pageToken },
          kind: 'read',
          signal: options.signal,
        }),
      (response) => response.cases,
    );
  }

  /** cases.search: keyword and update-time filters; new cases appear after an indexing delay. */
  searchCases(parent: string, options: ListOptions = {}): Paged<Case> {
    const url = this.url(`/v2/${checkParent(parent)}/cases:search`);
    const query = buildSearchQuery(options.filter);
    return paged(
      (pageToken) =>
        this.transport.json<SearchCasesResponse>({
          method: 'GET',
          url,
          query: { query, pageSize: options.pageSize, pageToken },
          kind: 'read',
          signal: options.signal,
        }),
      (response) => response.cases,
    );
  }

  async getCase(name: string, options: CallOptions = {}): Promise<Case> {
    return this.transport.json<Case>({
      method: 'GET',
      url: this.url(`/v2/${checkCaseName(name)}`),
      kind: 'read',
      signal: options.signal,
    });
  }

  async createCase(parent: string, input: NewCase, options: CallOptions = {}): Promise<Case> {
    const url = this.url(`/v2/${checkParent(parent)}/cases`);
    return this.transport.json<Case>({
      method: 'POST',
      url,
      json: caseBody(input),
      kind: 'write',
      signal: options.signal,
    });
  }

  /** cases.patch with an updateMask of exactly the changed fields; an empty change is refused. */
  async updateCase(name: string, changes: CaseChanges, options: CallOptions = {}): Promise<Case> {
    const url = this.url(`/v2/${checkCaseName(name)}`);
    const { body, mask } = patchBody(changes);
    return this.transport.json<Case>({
      method: 'PATCH',
      url,
      query: { updateMask: mask },
      json: body,
      kind: 'write',
      signal: options.signal,
    });
  }

  async closeCase(name: string, options: CallOptions = {}): Promise<Case> {
    return this.transport.json<Case>({
      method: 'POST',
      url: this.url(`/v2/${checkCaseName(name)}:close`),
      json: {},
      kind: 'write',
      signal: options.signal,
    });
  }

  async escalateCase(
    name: string,
    escalation: { reason: EscalationReason; justification: string },
    options: CallOptions = {},
  ): Promise<Case> {
    const url = this.url(`/v2/${checkCaseName(name)}:escalate`);
    if (!ESCALATION_REASONS.includes(escalation.reason)) {
      throw new AppError('invalid_argument', `Unknown escalation reason "${String(escalation.reason)}".`, {
        field: 'reason',
      });
    }
    const justification = requireText(escalation.justification, 'justification');
    return this.transport.json<Case>({
      method: 'POST',
      url,
      json: { escalation: { reason: escalation.reason, justification } },
      kind: 'write',
      signal: options.signal,
    });
  }

  listComments(caseName: string, options: CallOptions & { pageSize?: number } = {}): Paged<Comment> {
    const url = this.url(`/v2/${checkCaseName(caseName)}/comments`);
    return paged(
      (pageToken) =>
        this.transport.json<ListCommentsResponse>({
          method: 'GET',
          url,
          query: { pageSize: options.pageSize, pageToken },
          kind: 'read',
          signal: options.signal,
        }),
      (response) => response.comments,
    );
  }

  async createComment(caseName: string, body: string, options: CallOptions = {}): Promise<Comment> {
    const url = this.url(`/v2/${checkCaseName(caseName)}/comments`);
    const text = requireText(body, 'body');
    if (text.length > MAX_COMMENT_CHARS) {
      throw new AppError('invalid_argument', `A comment holds at most ${MAX_COMMENT_CHARS} characters.`, {
        field: 'body',
      });
    }
    return this.transport.json<Comment>({ method: 'POST', url, json: { body: text }, kind: 'write', ...options });
  }

  listAttachments(caseName: string, options: CallOptions & { pageSize?: number } = {}): Paged<Attachment> {
    const url = this.url(`/v2/${checkCaseName(caseName)}/attachments`);
    return paged(
      (pageToken) =>
        this.transport.json<ListAttachmentsResponse>({
          method: 'GET',
          url,
          query: { pageSize: options.pageSize, pageToken },
          kind: 'read',
          signal: options.signal,
        }),
      (response) => response.attachments,
    );
  }

  /** media.upload, multipart, streamed from the source: memory stays flat for any size. */
  async uploadAttachment(caseName: string, source: FileSource, options: TransferOptions = {}): Promise<Attachment> {
    const url = this.url(`/upload/v2/${checkCaseName(caseName)}/attachments`);
    if (!source.filename.trim()) throw new AppError('invalid_argument', 'The file has no name.', { field: 'filename' });
    return this.transport.json<Attachment>({
      method: 'POST',
      url,
      query: { uploadType: 'multipart' },
      body: () => buildMultipartUpload(source, { onProgress: options.onProgress }),
      kind: 'write',
      signal: options.signal,
      timeoutMs: null,
    });
  }

  /** media.download, streamed into `sink`; the sink is aborted if anything fails. Returns the byte count. */
  async downloadAttachment(attachmentName: string, sink: FileSink, options: DownloadOptions = {}): Promise<number> {
    const url = this.url(`/v2/${checkAttachmentName(attachmentName)}:download`);
    let received = 0;
    try {
      const response = await this.transport.response({
        method: 'GET',
        url,
        query: { alt: 'media' },
        kind: 'read',
        signal: options.signal,
      });
      const declared = Number(response.headers.get('content-length') ?? NaN);
      const total = Number.isFinite(declared) ? declared : (options.expectedBytes ?? 0);
      options.onProgress?.(0, total);
      if (response.body) {
        const reader = response.body.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await writeToSink(sink, value);
            received += value.byteLength;
            options.onProgress?.(received, total);
          }
        } finally {
          reader.releaseLock();
        }
      }
      if (Number.isFinite(declared) && received !== declared) {
        throw new AppError('offline', `The download stopped after ${received} of ${declared} bytes.`);
      }
      await sink.close();
      return received;
    } catch (error) {
      await sink.abort().catch(() => undefined);
      throw mapNetworkError(error, { callerSignal: options.signal });
    }
  }

  /** caseClassifications.search: the categories a case can be filed under. */
  searchClassifications(query: string, options: CallOptions & { pageSize?: number } = {}): Paged<CaseClassification> {
    const url = this.url('/v2/caseClassifications:search');
    return paged(
      (pageToken) =>
        this.transport.json<SearchCaseClassificationsResponse>({
          method: 'GET',
          url,
          query: { query, pageSize: options.pageSize, pageToken },
          kind: 'read',
          signal: options.signal,
        }),
      (response) => response.caseClassifications,
    );
  }

  /**
   * After a create failed with maybeCommitted, finds the case it may have made: same
   * title and description, by this user, created after the attempt. Uses cases.list,
   * which sees new cases at once (search lags behind its index). Null if none.
   */
  async findCreatedCase(parent: string, query: CreatedCaseQuery, options: CallOptions = {}): Promise<Case | null> {
    const listing = this.listCases(parent, {
      filter: query.creatorEmail ? { creatorEmail: query.creatorEmail } : {},
      pageSize: 100,
      signal: options.signal,
    });
    const after = query.createdAfter?.getTime() ?? -Infinity;
    let best: Case | null = null;
    for await (const candidate of listing) {
      if (candidate.displayName !== query.displayName || candidate.description !== query.description) continue;
      const created = Date.parse(candidate.createTime ?? '');
      if (Number.isFinite(after) && !(created >= after)) continue;
      if (!best || created > Date.parse(best.createTime ?? '')) best = candidate;
    }
    return best;
  }

  private url(path: string): string {
    return joinUrl(this.baseUrl, path);
  }
}

async function writeToSink(sink: FileSink, chunk: Uint8Array): Promise<void> {
  try {
    await sink.write(chunk);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('internal', `Could not save the file: ${reason}`, { reason: 'write_failed' }, { cause: error });
  }
}

function caseBody(input: NewCase): Case {
  const body: Case = {
    displayName: requireText(input.displayName, 'displayName'),
    description: requireText(input.description, 'description'),
    classification: { id: requireText(input.classificationId, 'classificationId') },
    priority: checkPriority(input.priority),
  };
  if (input.timeZone) body.timeZone = input.timeZone;
  if (input.languageCode) body.languageCode = input.languageCode;
  if (input.subscriberEmailAddresses?.length) body.subscriberEmailAddresses = [...input.subscriberEmailAddresses];
  if (input.contactEmail) body.contactEmail = input.contactEmail;
  if (input.testCase !== undefined) body.testCase = input.testCase;
  return body;
}

/** Body and updateMask from the fields actually present. */
export function patchBody(changes: CaseChanges): { body: Case; mask: string } {
  const body: Case = {};
  const mask: string[] = [];
  if (changes.priority !== undefined) {
    body.priority = checkPriority(changes.priority);
    mask.push(UPDATE_MASK_FIELDS.priority);
  }
  if (changes.displayName !== undefined) {
    body.displayName = requireText(changes.displayName, 'displayName');
    mask.push(UPDATE_MASK_FIELDS.displayName);
  }
  if (changes.subscriberEmailAddresses !== undefined) {
    body.subscriberEmailAddresses = [...changes.subscriberEmailAddresses];
    mask.push(UPDATE_MASK_FIELDS.subscriberEmailAddresses);
  }
  if (mask.length === 0) {
    // An empty mask would make the server overwrite every field (and wipe the subscribers).
    throw new AppError('invalid_argument', 'Nothing to update.', { field: 'updateMask' });
  }
  return { body, mask: mask.join(',') };
}

function checkPriority(priority: unknown): Exclude<Priority, 'PRIORITY_UNSPECIFIED'> {
  if (
    typeof priority !== 'string' ||
    priority === 'PRIORITY_UNSPECIFIED' ||
    !PRIORITIES.includes(priority as Priority)
  ) {
    throw new AppError('invalid_argument', `Unknown priority "${String(priority)}".`, { field: 'priority' });
  }
  return priority as Exclude<Priority, 'PRIORITY_UNSPECIFIED'>;
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AppError('invalid_argument', `${field} is required.`, { field });
  }
  return value;
}
