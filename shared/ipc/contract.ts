import { z } from 'zod';
import { appErrorSchema } from '../app-error';
import { accountSchema, syncStatusSchema } from '../model/account';
import { attachmentSchema, caseDetailSchema, prioritySchema } from '../model/case';
import {
  caseClassificationSchema,
  caseLocaleSchema,
  escalationReasonSchema,
  MAX_COMMENT_CHARS,
  newCaseSchema,
  stagedFileSchema,
  subscriberEmailSchema,
  transferProgressSchema,
} from '../model/case-actions';
import { queueResultSchema } from '../model/attention-queue';
import { caseFiltersSchema, caseQueryResultSchema, caseQuerySchema } from '../model/case-query';
import { customerSchema } from '../model/customer';
import { diagnosticsSchema } from '../model/diagnostics';
import { domainNameSchema } from '../model/domain-name';
import { draftContentSchema, draftFileSchema, draftIdSchema, draftSchema } from '../model/draft';
import { noticeSchema } from '../model/notice';
import { backendChangeSchema, backendConfigSchema, oauthClientInputSchema } from '../model/oauth-client';
import { outboxItemSchema, outboxSubmissionSchema } from '../model/outbox';
import { settingsSchema } from '../model/settings';

/**
 * The one IPC contract between the renderer and the main process. Every channel has a
 * zod schema; both sides infer their types from here, nothing is typed twice. Main
 * validates every request against these schemas before the core sees it.
 */

const domainSchema = domainNameSchema;
const caseNameSchema = z
  .string()
  .max(200)
  .regex(/^(organizations|projects)\/[^/]+\/cases\/[^/]+$/, 'not a case name');

export const invokeChannels = {
  'app:info': {
    request: z.object({}),
    response: z.object({
      version: z.string(),
      /** `demo`: the embedded emulator; `google`: Google's real endpoints. */
      backend: z.enum(['demo', 'google']),
      /** The OS locale, so the renderer can resolve language 'system'. */
      systemLocale: z.string(),
      platform: z.string(),
    }),
  },
  'settings:get': { request: z.object({}), response: settingsSchema },
  /** The backend Partner Desk starts on, and where its OAuth client comes from; never the client secret. */
  'backend:get': { request: z.object({}), response: backendConfigSchema },
  /**
   * Saves the partner's own Desktop OAuth client (the ID in the settings file, the secret
   * in the keychain), signs out the domains of the backend left, then restarts Partner
   * Desk on Google. Refused while the environment sets the client.
   */
  'backend:setOAuthClient': { request: oauthClientInputSchema, response: backendChangeSchema },
  /**
   * Forgets the saved OAuth client; running on Google, also signs its domains out and
   * restarts on the demo backend.
   */
  'backend:useDemo': { request: z.object({}), response: backendChangeSchema },

  'settings:set': { request: settingsSchema.partial(), response: settingsSchema },
  'accounts:list': { request: z.object({}), response: z.array(accountSchema) },
  /**
   * Opens the system browser on the sign-in page (hd = domain, login_hint = email) and
   * resolves once the loopback redirect came back and the email's domain was checked.
   */
  'account:signIn': {
    request: z.object({ domain: domainSchema, loginHint: z.email().optional() }),
    response: accountSchema,
  },
  'account:cancelSignIn': { request: z.object({}), response: z.object({ cancelled: z.boolean() }) },
  'account:signOut': { request: z.object({ domain: domainSchema }), response: z.object({}) },
  'accounts:reorder': {
    request: z.object({ domains: z.array(domainSchema).max(100) }),
    response: z.array(accountSchema),
  },
  'customers:list': {
    request: z.object({ domain: domainSchema, search: z.string().max(200).optional() }),
    response: z.array(customerSchema),
  },
  'cases:query': { request: caseQuerySchema.extend({ domain: domainSchema }), response: caseQueryResultSchema },
  'case:get': {
    request: z.object({ domain: domainSchema, name: caseNameSchema }),
    /**
     * From the cache when there is one, with `savedAt`, when that copy was read from the
     * server; `case:changed` follows when the network answers, `case:refreshFailed` when
     * it cannot. Not cached while the domain is offline: fails at once with `offline`.
     */
    response: z.object({
      detail: caseDetailSchema.nullable(),
      source: z.enum(['cache', 'network']),
      savedAt: z.string().max(40).optional(),
    }),
  },
  /**
   * Marks read every unread case of a view (a customer, or all of the domain's when
   * absent) that the filters let through; opening a case (case:get) marks it read.
   */
  'cases:markAllRead': {
    request: z.object({
      domain: domainSchema,
      customerId: z.string().min(1).max(100).optional(),
      filters: caseFiltersSchema,
    }),
    response: z.object({ marked: z.number().int().nonnegative() }),
  },
  /** The All-domains queue: every signed-in domain's attention list, merged. The one request that names no domain. */
  'queue:query': { request: z.object({}), response: queueResultSchema },
  'filters:get': { request: z.object({ domain: domainSchema }), response: caseFiltersSchema },
  'filters:set': { request: z.object({ domain: domainSchema, filters: caseFiltersSchema }), response: z.object({}) },
  /**
   * Probes each capability of the domain with one cheap real call (in order; a refusal
   * stops the ones that need it) and reports the domain's recent traffic. Never throws
   * for a refused probe: refusals are the answer.
   */
  'diagnostics:run': { request: z.object({ domain: domainSchema }), response: diagnosticsSchema },
  'sync:now': { request: z.object({ domain: domainSchema }), response: syncStatusSchema },
  'sync:status': { request: z.object({ domain: domainSchema }), response: syncStatusSchema },

  /** caseClassifications.search for the New case category step (type-ahead). */
  'classifications:search': {
    request: z.object({ domain: domainSchema, query: z.string().max(200) }),
    response: z.array(caseClassificationSchema),
  },
  /** Prefill of the language and time zone step: what was last used for this customer, else null. */
  'case:localeFor': {
    request: z.object({ domain: domainSchema, customerId: z.string().min(1).max(100) }),
    response: caseLocaleSchema.nullable(),
  },
  /**
   * Files the case on behalf of the customer; the returned case is `pending` until the API
   * lists it. Attachments then upload one by one (`transfer:progress`); a failed upload
   * does not undo the case.
   */
  'case:create': {
    request: z.object({ domain: domainSchema, case: newCaseSchema }),
    response: caseDetailSchema,
  },
  'case:setPriority': {
    request: z.object({ domain: domainSchema, name: caseNameSchema, priority: prioritySchema }),
    response: caseDetailSchema,
  },
  'case:close': { request: z.object({ domain: domainSchema, name: caseNameSchema }), response: caseDetailSchema },
  'case:escalate': {
    request: z.object({
      domain: domainSchema,
      name: caseNameSchema,
      reason: escalationReasonSchema,
      justification: z.string().trim().min(1).max(MAX_COMMENT_CHARS),
    }),
    response: caseDetailSchema,
  },
  /** A message to support; on a case closed within the last 30 days it also reopens it. */
  'case:comment': {
    request: z.object({
      domain: domainSchema,
      name: caseNameSchema,
      body: z.string().trim().min(1).max(MAX_COMMENT_CHARS),
    }),
    response: caseDetailSchema,
  },
  /** Replaces the subscriber list (patched with updateMask=subscriber_email_addresses). */
  'case:setSubscribers': {
    request: z.object({ domain: domainSchema, name: caseNameSchema, emails: z.array(subscriberEmailSchema).max(100) }),
    response: caseDetailSchema,
  },
  /** Main opens the native file dialog and stages what the user picked; [] when cancelled. */
  'files:pick': { request: z.object({}), response: z.array(stagedFileSchema) },
  /**
   * A file dropped on the window, by the path Electron's webUtils gave the preload. Sent
   * by the preload only (its generic invoke refuses this channel); main checks the path again.
   */
  'files:dropped': { request: z.object({ path: z.string().min(1).max(4096) }), response: stagedFileSchema },
  'files:release': { request: z.object({ fileId: stagedFileSchema.shape.fileId }), response: z.object({}) },
  'attachment:upload': {
    request: z.object({
      domain: domainSchema,
      name: caseNameSchema,
      fileId: stagedFileSchema.shape.fileId,
      transferId: z.string().min(1).max(100),
    }),
    response: attachmentSchema,
  },
  /** Main asks where to save (native dialog), then streams the file to disk; null when the dialog was cancelled. */
  'attachment:download': {
    request: z.object({
      domain: domainSchema,
      attachment: z.string().min(1).max(400),
      transferId: z.string().min(1).max(100),
    }),
    response: z.object({ savedTo: z.string(), bytes: z.number().int().nonnegative() }).nullable(),
  },
  'transfer:cancel': {
    request: z.object({ transferId: z.string().min(1).max(100) }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** What the user must be told once (a damaged file recovered…), until dismissed. */
  'notices:list': { request: z.object({}), response: z.array(noticeSchema) },
  'notice:dismiss': { request: z.object({ id: z.string().max(64) }), response: z.object({}) },
  /** The domain's drafts, newest first (discarded ones excluded). */
  'drafts:list': { request: z.object({ domain: domainSchema }), response: z.array(draftSchema) },
  /** Creates or replaces a draft's content; answers once the change is committed to disk. */
  'draft:save': {
    request: z.object({ domain: domainSchema, id: draftIdSchema, content: draftContentSchema }),
    response: z.object({ id: draftIdSchema, revision: z.number().int(), updatedAt: z.string() }),
  },
  'draft:discard': { request: z.object({ domain: domainSchema, id: draftIdSchema }), response: z.object({}) },
  /** Undoes a discard. */
  'draft:restore': { request: z.object({ domain: domainSchema, id: draftIdSchema }), response: draftSchema },
  'draft:duplicate': { request: z.object({ domain: domainSchema, id: draftIdSchema }), response: draftSchema },
  /** Copies a staged file into the draft (app data folder, with its sha256). */
  'draft:attach': {
    request: z.object({ domain: domainSchema, id: draftIdSchema, fileId: z.string().min(1).max(100) }),
    response: draftFileSchema,
  },
  'draft:detach': {
    request: z.object({ domain: domainSchema, id: draftIdSchema, fileId: z.string().min(1).max(100) }),
    response: z.object({}),
  },
  'outbox:list': { request: z.object({ domain: domainSchema }), response: z.array(outboxItemSchema) },
  /**
   * Commits the submission to the outbox (consuming its draft), then sends it if the domain
   * is online; answers with the item after that first attempt: sent, queued (offline,
   * unreachable, session expired) or refused (the draft is kept and the error returned).
   */
  'outbox:submit': {
    request: z.object({ domain: domainSchema, draftId: draftIdSchema.nullable(), submission: outboxSubmissionSchema }),
    response: outboxItemSchema,
  },
  'outbox:retry': { request: z.object({ domain: domainSchema, id: z.string().max(64) }), response: outboxItemSchema },
  /** Takes a queued or failed item back into a draft, to edit it. */
  'outbox:edit': { request: z.object({ domain: domainSchema, id: z.string().max(64) }), response: draftSchema },
  'outbox:discard': { request: z.object({ domain: domainSchema, id: z.string().max(64) }), response: z.object({}) },
  /** Renderer failures reach main's log file. */
  'log:write': {
    request: z.object({ level: z.enum(['warn', 'error']), message: z.string().max(4000) }),
    response: z.object({}),
  },
} as const;

/** Channels only the preload may send: its generic `invoke` refuses them. */
export const PRELOAD_ONLY_CHANNELS: readonly InvokeChannel[] = ['files:dropped'];

export const eventChannels = {
  'accounts:changed': z.object({ accounts: z.array(accountSchema) }),
  'cases:changed': z.object({ domain: z.string() }),
  'case:changed': z.object({ domain: z.string(), detail: caseDetailSchema }),
  /** The background refresh after case:get answered from the cache failed: the saved copy stays, with why. */
  'case:refreshFailed': z.object({ domain: z.string(), name: z.string(), error: appErrorSchema }),
  'sync:status': syncStatusSchema,
  'settings:changed': settingsSchema,
  /**
   * A notification was clicked (or the app was started from one): select the domain's tab
   * and open the case; without `name` (a grouped notification) the tab alone.
   */
  'notification:open': z.object({ domain: z.string(), name: z.string().optional() }),
  'transfer:progress': transferProgressSchema,
  'notices:changed': z.object({}),
  'drafts:changed': z.object({ domain: z.string() }),
  'outbox:changed': z.object({ domain: z.string() }),
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type EventPayload<C extends EventChannel> = z.output<(typeof eventChannels)[C]>;

/** What crosses IPC for an invoke: Electron's own error serialization would drop `code`. */
export const invokeResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof appErrorSchema> };

/** The core implements one handler per invoke channel, whatever carries the message. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (request: z.output<(typeof invokeChannels)[C]['request']>) => Promise<InvokeResponse<C>>;
};

/** How the core publishes events; the Electron adapter and the preview server fan them out. */
export type EventSink = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void;

/** What the preload exposes on `window.partnerDesk` (and the browser preview emulates). */
export interface PartnerDeskBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  /** Returns a subscription id for `off`: listener identity does not survive contextBridge. */
  on(channel: string, listener: (payload: unknown) => void): number;
  off(subscriptionId: number): void;
  /**
   * Stages a file dropped on the window: the preload (or the preview's bridge) finds the
   * file on disk and sends it on `files:dropped`; the renderer never sees a path. Resolves
   * to the same result envelope as `invoke('files:dropped', …)`.
   */
  stageDroppedFile(file: File): Promise<unknown>;
  /**
   * Optional: tells the renderer the app's core went away without an invoke failing
   * first (the browser preview's socket closed). Electron's preload has none: its window
   * cannot outlive main.
   */
  onCoreLost?(listener: () => void): void;
}

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeChannels, channel);
}
