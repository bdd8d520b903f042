import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  CASE_CLASSIFICATIONS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type FaultKind,
  type FaultRule,
  type RequestLogEntry,
  type RunningEmulator,
} from '../../../main/emulator';
import { Prng } from '../../../main/emulator/seed/prng';
import { createInvokeDispatcher } from '../../../main/core/ipc/invoke-dispatcher';
import { withReference } from '../../../main/core/outbox/client-reference';
import { createPartnerDeskClient, type PartnerDeskClient } from '../../../renderer/ipc/partner-desk-client';
import { createDraftSaver, type DraftSaver } from '../../../renderer/store/draft-saver';
import { isAppError, type AppErrorCode } from '../../../shared/app-error';
import type { Priority } from '../../../shared/model/case';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../../shared/model/case-query';
import type { DraftContent, NewCaseDraftContent } from '../../../shared/model/draft';
import type { OutboxItem, OutboxSubmission } from '../../../shared/model/outbox';
import { FastClock } from '../../api/helpers/instant-clock';
import { removeDataDir, startCoreHarness, type CoreHarness } from './core-harness';

/**
 * The fault soak (issue 9): a scripted user works two domains at once through the
 * renderer's own client (contract-checked answers) over the invoke dispatcher in front
 * of a real AppCore, while the emulator injects a fault into 20 % of the requests:
 * 429 with Retry-After, 500, 503, drops before and after commit, latency. The user
 * files cases (a typed New case draft, some with a file, submitted to the outbox as the
 * New case form does), sends messages (typed in a composer draft), uploads files to
 * cases, types drafts it keeps, changes priorities (outbox) and closes cases. Then,
 * faults off, the outbox drains and each domain syncs once; every action must be done
 * or explained, and the server is counted: by the client reference for cases and
 * messages, by sha256 for files; every draft's text in the core against what was typed.
 */

export type ActionKind = 'case' | 'message' | 'upload' | 'draft' | 'priority' | 'close';
export const ACTION_KINDS: readonly ActionKind[] = ['case', 'message', 'upload', 'draft', 'priority', 'close'];

export interface FaultSoakOptions {
  seed: number;
  /** Each domain's user stops after this many actions... */
  actionsPerDomain: number;
  /** ...or once this much time has passed, whichever comes first. */
  workMs: number;
  /** Actions in flight at once per domain (the user does not wait for one to start the next). */
  hands?: number;
  /** Longest wait for the outbox to drain once the faults are off; anything still queued then is unexplained. */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface KindCounts {
  attempted: number;
  done: number;
  /** An error envelope with a user-facing code, or an outbox item stopped with its reason. */
  explained: number;
  unexplained: number;
}

export interface FaultSoakReport {
  seed: number;
  seconds: number;
  kinds: Record<ActionKind, KindCounts>;
  /** What each unexplained action was, for the report. */
  unexplainedDetails: string[];
  /** The user-facing codes the explained failures carried. */
  explainedCodes: Record<string, number>;
  /** A reference stored more than once, beyond the first. */
  duplicateCases: number;
  duplicateMessages: number;
  /** Sent but not on the server, or not as typed. */
  lostSubmissions: number;
  /** Told refused (failed, or an error at once) yet on the server. */
  landedButRefused: number;
  /** Still queued or sending once the outbox had its time to drain with the faults off. */
  stillQueued: number;
  /** A domain whose sync, faults off, did not end idle. */
  syncNotSettled: number;
  /** Cases the outbox filed that the app's own case list does not show after that sync. */
  casesMissingInApp: number;
  keystrokes: number;
  draftsChecked: number;
  lostDrafts: number;
  filesUploaded: number;
  filesMatching: number;
  /** Told uploaded, but not on the case with those bytes. */
  filesMismatched: number;
  /** The same file stored twice on its case. */
  duplicateFiles: number;
  /** Unhandled rejections, uncaught exceptions, handler failures that were not AppErrors, outbox passes stopped. */
  crashes: number;
  /** Answers the renderer's client refused as off the contract. */
  contractMismatches: number;
  requests: number;
  faulted: number;
  faultedByKind: Record<FaultKind, number>;
}

/** 1 − 0.96⁴ · 0.97² ≈ 20 % of requests faulted, each rule on its own seeded draw. */
function faultRules(seed: number): FaultRule[] {
  const rule = (kind: FaultKind, probability: number, n: number): FaultRule => ({
    kind,
    probability,
    seed: seed * 16 + n,
    ...(kind === 'latency' ? { latencyMs: 40 } : {}),
  });
  return [
    rule('429', 0.04, 1),
    rule('500', 0.04, 2),
    rule('503', 0.03, 3),
    rule('drop-after-commit', 0.04, 4),
    rule('drop-before-commit', 0.03, 5),
    rule('latency', 0.04, 6),
  ];
}
const FAULT_KINDS: readonly FaultKind[] = ['429', '500', '503', 'drop-after-commit', 'drop-before-commit', 'latency'];

/** Shares of the actions, drawn in turn by each domain's seeded PRNG. */
const WEIGHTS: [ActionKind, number][] = [
  ['case', 0.18],
  ['message', 0.3],
  ['upload', 0.14],
  ['draft', 0.18],
  ['priority', 0.12],
  ['close', 0.08],
];
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
/** Failures the transfers' Retry button is for: the staged file is kept and sent again. */
const TRANSIENT: ReadonlySet<string> = new Set(['offline', 'server', 'quota', 'timeout']);
/** Codes that say the core failed, not the network or Google: never an explanation. */
const NOT_AN_EXPLANATION: ReadonlySet<AppErrorCode> = new Set(['internal', 'bad_request', 'core_lost']);
/** The client's waits (backoffs, Retry-After, the outbox and sync timers) run this much faster. */
const CLOCK_FACTOR = 20;

type Outcome = { done: true } | { done: false; code: AppErrorCode | 'unknown'; message: string };

interface Submitted {
  kind: ActionKind;
  domain: string;
  /** Absent when refused at once. */
  item?: OutboxItem;
  refusal?: Outcome;
  /** The text as the user typed it (a case's description, a message's body). */
  text?: string;
  files: LocalFile[];
}

interface LocalFile {
  name: string;
  sha256: string;
  size: number;
}

interface Upload {
  domain: string;
  caseName: string;
  file: LocalFile;
  /** The staged file, kept for Retry while the upload has not succeeded; '' when staging failed. */
  fileId: string;
  transferId: string;
  outcome: Outcome;
  tries: number;
}

interface TypedDraft {
  domain: string;
  id: string;
  content: DraftContent;
  /** Taken by a submission the outbox accepted: no longer a draft. */
  consumed: boolean;
}

interface DomainUser {
  domain: string;
  /** Each hand draws its choices from its own PRNG, seeded from this: a seed replays what each hand does. */
  seed: number;
  customers: string[];
  cases: string[];
  /** Drafts the user keeps typing into and never sends. */
  kept: TypedDraft[];
}

export async function runFaultSoak(options: FaultSoakOptions): Promise<FaultSoakReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const crashes: string[] = [];
  const onRejection = (reason: unknown) => crashes.push(`unhandled rejection: ${String(reason)}`);
  const onException = (error: Error) => crashes.push(`uncaught exception: ${error.stack ?? error.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const emulator = await startEmulator({
    dataset: 'demo',
    control: true,
    agent: false,
    indexingDelayMs: 0,
    rateLimitPerMinute: 1_000_000,
  });
  const harness = await startCoreHarness({
    emulator,
    clock: new FastClock(CLOCK_FACTOR),
    // A background sync every 3 s of real time, so the sync runs under the faults too.
    syncIntervalMs: 60_000,
    outboxRetry: { initialMs: 1_000, maxMs: 8_000 },
  });
  const files = await mkdtemp(join(tmpdir(), 'pd-fault-soak-'));
  let collector: RequestCollector | undefined;
  try {
    const dispatch = createInvokeDispatcher(harness.core.handlers, {
      error: (message, error) => crashes.push(`${message}: ${String(error)}`),
    });
    const client = createPartnerDeskClient({
      invoke: (channel, request) => dispatch(channel, request),
      on: () => 0,
      off: () => undefined,
      stageDroppedFile: () => Promise.reject(new Error('no drops in the soak')),
    });
    const saver = createDraftSaver(client, (send) => setTimeout(send, 16));
    const users = await signIn(client, options.seed);
    const run = new SoakRun(client, saver, harness, emulator, files, options);

    collector = new RequestCollector(emulator);
    for (const rule of faultRules(options.seed)) emulator.control.faults.add(rule);
    const workEnd = Date.now() + options.workMs;
    await Promise.all(users.map((user) => run.work(user, workEnd)));
    collector.take();
    emulator.control.faults.clear();
    log(`fault soak: work done in ${((Date.now() - started) / 1000).toFixed(1)} s; settling with the faults off`);

    await run.settle(users);
    const report = await run.check(users, collector, crashes);
    report.seconds = (Date.now() - started) / 1000;
    return report;
  } finally {
    collector?.take();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
    await rm(files, { recursive: true, force: true });
  }
}

/** Signs each domain in and syncs it once (no faults yet); its user's customers and open cases. */
async function signIn(client: PartnerDeskClient, seed: number): Promise<DomainUser[]> {
  const logins: [string, string][] = [
    [NORTHWIND_DOMAIN, DEMO_USERS.alex],
    [LUMIERE_DOMAIN, DEMO_USERS.claire],
  ];
  const users: DomainUser[] = [];
  for (const [index, [domain, loginHint]] of logins.entries()) {
    await client.invoke('account:signIn', { domain, loginHint });
    await client.invoke('sync:now', { domain });
    const customers = (await client.invoke('customers:list', { domain })).filter(
      (customer) => customer.access === 'granted' && customer.organization,
    );
    const cases: string[] = [];
    for (const customer of customers) {
      const { rows } = await client.invoke('cases:query', {
        domain,
        customerId: customer.customerId,
        filters: EMPTY_CASE_FILTERS,
        sort: DEFAULT_CASE_SORT,
        offset: 0,
        limit: 1000,
      });
      cases.push(...rows.filter((row) => row.state !== 'CLOSED').map((row) => row.name));
    }
    if (customers.length === 0 || cases.length === 0) throw new Error(`${domain} has nothing to work on`);
    users.push({
      domain,
      seed: seed + index * 7919,
      customers: customers.map((customer) => customer.customerId),
      cases,
      kept: [],
    });
  }
  return users;
}

/** The emulator's request log, taken in slices (it keeps 20,000 entries at most). */
class RequestCollector {
  readonly entries: RequestLogEntry[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly emulator: RunningEmulator) {
    emulator.control.clearRequestLog();
    this.timer = setInterval(() => this.drain(), 1_000);
  }

  take(): void {
    clearInterval(this.timer);
    this.drain();
  }

  private drain(): void {
    this.entries.push(...this.emulator.control.requestLog());
    this.emulator.control.clearRequestLog();
  }
}

class SoakRun {
  readonly submitted: Submitted[] = [];
  readonly uploads: Upload[] = [];
  readonly closes: { domain: string; outcome: Outcome }[] = [];
  readonly syncNotSettled: string[] = [];
  /** Every draft typed into; a refused submission gives its draft back. */
  readonly drafts: TypedDraft[] = [];
  /** Each turn of typing into a kept draft, done once the DraftSaver's flush resolved. */
  readonly draftTurns: Outcome[] = [];
  keystrokes = 0;
  private fileSerial = 0;
  private titleSerial = 0;
  private pickLock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: PartnerDeskClient,
    private readonly saver: DraftSaver,
    private readonly harness: CoreHarness,
    private readonly emulator: RunningEmulator,
    private readonly fileDir: string,
    private readonly options: FaultSoakOptions,
  ) {}

  async work(user: DomainUser, workEnd: number): Promise<void> {
    const hands = this.options.hands ?? 2;
    const hand = async (index: number) => {
      // Two draws per action whatever happens in it: the kinds a seed gives never depend on timing or faults.
      const choices = new Prng(user.seed + index * 104_729);
      const share = Math.floor((this.options.actionsPerDomain + hands - 1 - index) / hands);
      for (let done = 0; done < share && Date.now() < workEnd; done += 1) {
        const kind = pickWeighted(choices);
        await this.act(user, new Prng(choices.int(0, 2 ** 31)), kind);
      }
    };
    await Promise.all(Array.from({ length: hands }, (_, index) => hand(index)));
  }

  private async act(user: DomainUser, random: Prng, kind: ActionKind): Promise<void> {
    switch (kind) {
      case 'case':
        return this.fileCase(user, random);
      case 'message':
        return this.sendMessage(user, random);
      case 'upload':
        return this.upload(user, random);
      case 'draft':
        return this.typeKeptDraft(user, random);
      case 'priority':
        return this.changePriority(user, random);
      case 'close':
        return this.close(user, random);
    }
  }

  /** The New case form: typed into its draft, maybe a file attached, then submitted with the draft. */
  private async fileCase(user: DomainUser, random: Prng): Promise<void> {
    const { domain } = user;
    const draft = this.newDraft(domain, newCaseContent(random.pick(user.customers), this.titleSerial++));
    const details = await this.type(draft, random, (content, text) => ({ ...content, details: text }));
    const files: LocalFile[] = [];
    const attachments: { fileId: string; transferId: string }[] = [];
    if (random.chance(0.4)) {
      const staged = await this.pick(domain, random);
      if (staged.outcome.done === false) {
        this.submitted.push({ kind: 'case', domain, refusal: staged.outcome, files: [] });
        return;
      }
      // As the New case form does: the draft is committed before a file is copied into it.
      const attached = await outcomeOf(
        this.saver
          .flush(draft.id)
          .then(() => this.client.invoke('draft:attach', { domain, id: draft.id, fileId: staged.fileId })),
      );
      if (!attached.done) {
        this.submitted.push({ kind: 'case', domain, refusal: attached, files: [] });
        return;
      }
      files.push(staged.file);
      attachments.push({ fileId: staged.fileId, transferId: `transfer-${staged.file.name}` });
    }
    const content = draft.content as NewCaseDraftContent;
    const classification = CASE_CLASSIFICATIONS[random.int(0, CASE_CLASSIFICATIONS.length - 1)]!;
    await this.submit(user, draft, details, files, {
      kind: 'new_case',
      newCase: {
        customerId: content.customerId!,
        title: content.title,
        classification: { id: classification.id, displayName: classification.displayName },
        description: details,
        priority: content.priority!,
        languageCode: content.languageCode,
        timeZone: content.timeZone,
        subscriberEmailAddresses: [],
        attachments,
      },
    });
  }

  /** A message typed into its case's composer (saved as a draft), sent with the draft. */
  private async sendMessage(user: DomainUser, random: Prng): Promise<void> {
    const caseName = random.pick(user.cases);
    const draft = this.newDraft(user.domain, { kind: 'comment', caseName, body: '' });
    const body = await this.type(draft, random, (content, text) => ({ ...content, body: text }));
    await this.submit(user, draft, body, [], { kind: 'comment', caseName, body });
  }

  private async submit(
    user: DomainUser,
    draft: TypedDraft,
    text: string,
    files: LocalFile[],
    submission: OutboxSubmission,
  ): Promise<void> {
    const kind: ActionKind = submission.kind === 'new_case' ? 'case' : 'message';
    // As the renderer does: the last keystroke is committed before the core consumes the draft.
    const flushed = await outcomeOf(this.saver.flush(draft.id));
    if (!flushed.done) {
      this.submitted.push({ kind, domain: user.domain, refusal: flushed, text, files });
      return;
    }
    try {
      const item = await this.client.invoke('outbox:submit', { domain: user.domain, draftId: draft.id, submission });
      draft.consumed = true;
      this.submitted.push({ kind, domain: user.domain, item, text, files });
      if (kind === 'case' && item.result) user.cases.push(item.result.caseName);
    } catch (error) {
      // Refused: the draft is given back, as typed.
      this.submitted.push({ kind, domain: user.domain, refusal: failureOf(error), text, files });
    }
  }

  private async changePriority(user: DomainUser, random: Prng): Promise<void> {
    const caseName = random.pick(user.cases);
    const priority = random.pick(PRIORITIES);
    try {
      const item = await this.client.invoke('outbox:submit', {
        domain: user.domain,
        draftId: null,
        submission: { kind: 'priority', caseName, priority },
      });
      this.submitted.push({ kind: 'priority', domain: user.domain, item, files: [] });
    } catch (error) {
      this.submitted.push({ kind: 'priority', domain: user.domain, refusal: failureOf(error), files: [] });
    }
  }

  private async close(user: DomainUser, random: Prng): Promise<void> {
    const name = random.pick(user.cases);
    this.closes.push({
      domain: user.domain,
      outcome: await outcomeOf(this.client.invoke('case:close', { domain: user.domain, name })),
    });
  }

  /**
   * A file picked in the dialog and uploaded to a case, as the case's Attachments section
   * does; a failure the network may have caused is retried (the Retry button) half the time.
   */
  private async upload(user: DomainUser, random: Prng): Promise<void> {
    const caseName = random.pick(user.cases);
    const staged = await this.pick(user.domain, random);
    const upload: Upload = {
      domain: user.domain,
      caseName,
      file: staged.file,
      fileId: staged.fileId,
      transferId: `transfer-${staged.file.name}`,
      outcome: staged.outcome,
      tries: 0,
    };
    this.uploads.push(upload);
    if (!staged.outcome.done) return;
    await this.sendUpload(upload);
    if (this.retriable(upload) && random.chance(0.5)) await this.sendUpload(upload);
  }

  private async sendUpload(upload: Upload): Promise<void> {
    upload.tries += 1;
    upload.outcome = await outcomeOf(
      this.client.invoke('attachment:upload', {
        domain: upload.domain,
        name: upload.caseName,
        fileId: upload.fileId,
        transferId: upload.transferId,
      }),
    );
  }

  private retriable(upload: Upload): boolean {
    return !upload.outcome.done && upload.fileId !== '' && TRANSIENT.has(upload.outcome.code);
  }

  /** More words into a draft the user keeps (a message or a New case), never sent. */
  private async typeKeptDraft(user: DomainUser, random: Prng): Promise<void> {
    let draft = user.kept.length > 0 && random.chance(0.6) ? random.pick(user.kept) : undefined;
    if (!draft) {
      draft = random.chance(0.5)
        ? this.newDraft(user.domain, { kind: 'comment', caseName: random.pick(user.cases), body: '' })
        : this.newDraft(user.domain, newCaseContent(random.pick(user.customers), this.titleSerial++));
      user.kept.push(draft);
    }
    const kept = draft;
    await this.type(kept, random, (content, text) =>
      content.kind === 'comment' ? { ...content, body: text } : { ...content, details: text },
    );
    this.draftTurns.push(await outcomeOf(this.saver.flush(kept.id)));
  }

  private newDraft(domain: string, content: DraftContent): TypedDraft {
    const draft: TypedDraft = { domain, id: this.saver.newId(), content, consumed: false };
    this.drafts.push(draft);
    return draft;
  }

  /**
   * Types a few words after what the draft holds, one keystroke at a time, each change
   * handed to the renderer's DraftSaver (a draft:save per frame at most, the newest content).
   */
  private async type<T extends DraftContent>(
    draft: TypedDraft,
    random: Prng,
    write: (content: T, text: string) => T,
  ): Promise<string> {
    const content = draft.content as T;
    let text = content.kind === 'comment' ? content.body : content.kind === 'new_case' ? content.details : '';
    const words = random.int(3, 12);
    for (let word = 0; word < words; word += 1) {
      const next = `${text ? ' ' : ''}${WORDS[random.int(0, WORDS.length - 1)]!}`;
      for (const character of next) {
        text += character;
        draft.content = write(content, text);
        this.saver.save(draft.domain, draft.id, draft.content);
        this.keystrokes += 1;
        // A key every few ms: several land in one frame, as a fast typist's do.
        if (random.chance(0.25)) await pause(random.int(1, 20));
      }
    }
    return text;
  }

  /** The native open dialog answers with a new file; one dialog at a time. */
  private async pick(domain: string, random: Prng): Promise<{ file: LocalFile; fileId: string; outcome: Outcome }> {
    this.fileSerial += 1;
    const bytes = Buffer.from(randomText(random, random.int(2_000, 200_000)));
    const name = `soak-${domain.split('.')[0]}-${this.fileSerial}.log`;
    const path = join(this.fileDir, name);
    await writeFile(path, bytes);
    const file = { name, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    const picked = this.pickLock.then(() => {
      this.harness.dialogs.willPick([path]);
      return this.client.invoke('files:pick', {});
    });
    this.pickLock = picked.catch(() => undefined);
    try {
      const [staged] = await picked;
      if (!staged) throw new Error('the dialog picked nothing');
      return { file, fileId: staged.fileId, outcome: { done: true } };
    } catch (error) {
      return { file, fileId: '', outcome: failureOf(error) };
    }
  }

  /** Faults off: every queued item sent or stopped, every draft committed, each domain synced once. */
  async settle(users: DomainUser[]): Promise<void> {
    const deadline = Date.now() + (this.options.settleMs ?? 120_000);
    for (const user of users) this.harness.core.connectivityFor(user.domain).retryNow();
    for (;;) {
      let pending = 0;
      for (const user of users) {
        const items = await this.client.invoke('outbox:list', { domain: user.domain });
        pending += items.filter((item) => item.state === 'queued' || item.state === 'sending').length;
      }
      if (pending === 0 || Date.now() > deadline) break;
      await pause(100);
    }
    await Promise.all(this.drafts.map((draft) => this.saver.flush(draft.id).catch(() => undefined)));
    // The user retries each upload the network failed, once the network is fine.
    for (const upload of this.uploads) if (this.retriable(upload)) await this.sendUpload(upload);
    // sync:now joins a pass begun under the faults, and answers at once while a 429's
    // Retry-After holds: asked again until a pass ends idle.
    for (const user of users) {
      let status = await this.client.invoke('sync:now', { domain: user.domain });
      while (status.state !== 'idle' && Date.now() < deadline) {
        await pause(100);
        status = await this.client.invoke('sync:now', { domain: user.domain });
      }
      if (status.state !== 'idle') this.syncNotSettled.push(`${user.domain}: sync ${status.state}`);
    }
  }

  async check(users: DomainUser[], collector: RequestCollector, crashes: string[]): Promise<FaultSoakReport> {
    const kinds = Object.fromEntries(
      ACTION_KINDS.map((kind) => [kind, { attempted: 0, done: 0, explained: 0, unexplained: 0 }]),
    ) as Record<ActionKind, KindCounts>;
    const unexplainedDetails: string[] = [];
    const explainedCodes: Record<string, number> = {};
    const tally = (kind: ActionKind, outcome: Outcome | 'stuck', what: string) => {
      kinds[kind].attempted += 1;
      if (outcome !== 'stuck' && outcome.done) {
        kinds[kind].done += 1;
      } else if (
        outcome !== 'stuck' &&
        !NOT_AN_EXPLANATION.has(outcome.code as AppErrorCode) &&
        outcome.code !== 'unknown'
      ) {
        kinds[kind].explained += 1;
        const key = `${kind} ${outcome.code}${WHY_WORTH_SAYING.has(outcome.code) ? ` (${reasonOf(outcome.message)})` : ''}`;
        explainedCodes[key] = (explainedCodes[key] ?? 0) + 1;
      } else {
        kinds[kind].unexplained += 1;
        unexplainedDetails.push(
          `${kind} ${what}: ${outcome === 'stuck' ? 'still queued' : `${outcome.code} ${outcome.message}`}`,
        );
      }
    };

    const report = emptyFigures();
    const finalItems = new Map<string, OutboxItem>();
    const serverTexts = new Map<string, { name: string; description: string; comments: string[] }[]>();
    const inApp = new Set<string>();
    for (const user of users) {
      for (const item of await this.client.invoke('outbox:list', { domain: user.domain }))
        finalItems.set(item.id, item);
      serverTexts.set(user.domain, this.emulator.control.data.texts(user.domain));
      for (let offset = 0; ; offset += 1000) {
        const { rows, total } = await this.client.invoke('cases:query', {
          domain: user.domain,
          filters: EMPTY_CASE_FILTERS,
          sort: DEFAULT_CASE_SORT,
          offset,
          limit: 1000,
        });
        for (const row of rows) inApp.add(row.name);
        if (offset + rows.length >= total || rows.length === 0) break;
      }
    }

    for (const entry of this.submitted) {
      const texts = serverTexts.get(entry.domain) ?? [];
      if (!entry.item) {
        tally(entry.kind, entry.refusal!, 'refused at once');
        continue;
      }
      const sent = finalItems.get(entry.item.id);
      // Sent items beyond the newest few leave the outbox's list; nothing else does.
      const state = sent?.state ?? 'sent';
      if (state === 'queued' || state === 'sending') {
        report.stillQueued += 1;
        tally(entry.kind, 'stuck', entry.item.reference);
      } else if (state === 'failed') {
        tally(
          entry.kind,
          sent?.error ? { done: false, ...sent.error } : { done: false, code: 'unknown', message: 'no reason' },
          entry.item.reference,
        );
      } else {
        tally(entry.kind, { done: true }, entry.item.reference);
      }
      if (entry.kind !== 'case' && entry.kind !== 'message') continue;
      const tag = `[${entry.item.reference}]`;
      const filed = texts.filter((text) => text.description.includes(tag));
      const stored =
        entry.kind === 'case'
          ? filed.map((text) => text.description)
          : texts.flatMap((text) => text.comments.filter((comment) => comment.includes(tag)));
      if (stored.length > 1) {
        if (entry.kind === 'case') report.duplicateCases += stored.length - 1;
        else report.duplicateMessages += stored.length - 1;
      }
      if (state === 'sent') {
        if (stored.length === 0 || stored[0] !== withReference(entry.text ?? '', entry.item.reference)) {
          report.lostSubmissions += 1;
          unexplainedDetails.push(
            `${entry.kind} ${entry.item.reference}: sent, ${stored.length ? 'stored other than typed' : 'not on the server'}`,
          );
        }
      } else if (stored.length > 0) {
        report.landedButRefused += 1;
        unexplainedDetails.push(`${entry.kind} ${entry.item.reference}: ${state}, yet on the server`);
      }
      // A sent item may have left the outbox's list: its case is found on the server by its reference.
      const caseName = filed[0]?.name;
      if (entry.kind === 'case' && state === 'sent' && caseName) {
        this.checkFiles(report, caseName, entry.files, unexplainedDetails);
        if (!inApp.has(caseName)) {
          report.casesMissingInApp += 1;
          unexplainedDetails.push(`case ${entry.item.reference}: filed as ${caseName}, not in the app's list`);
        }
      }
    }

    for (const upload of this.uploads) {
      tally('upload', upload.outcome, upload.file.name);
      if (upload.outcome.done) this.checkFiles(report, upload.caseName, [upload.file], unexplainedDetails);
      else if (this.emulator.control.data.attachments(upload.caseName).some((a) => a.sha256 === upload.file.sha256)) {
        report.landedButRefused += 1;
        unexplainedDetails.push(`upload ${upload.file.name}: told ${upload.outcome.code}, yet on the case`);
      }
    }
    for (const close of this.closes) tally('close', close.outcome, 'case:close');
    for (const turn of this.draftTurns) tally('draft', turn, 'draft:save');

    // Every draft not consumed by an accepted submission holds exactly what was typed last.
    const stored = new Map<string, DraftContent>();
    for (const user of users) {
      for (const draft of await this.client.invoke('drafts:list', { domain: user.domain }))
        stored.set(draft.id, draft.content);
    }
    for (const draft of this.drafts) {
      if (draft.consumed) continue;
      report.draftsChecked += 1;
      if (!isDeepStrictEqual(stored.get(draft.id), draft.content)) {
        report.lostDrafts += 1;
        unexplainedDetails.push(`draft ${draft.id}: ${stored.has(draft.id) ? 'holds other text than typed' : 'gone'}`);
      }
    }
    // The core still answers.
    await this.client.invoke('app:info', {});

    const requests = collector.entries;
    const faultedByKind = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
    for (const entry of requests) if (entry.fault) faultedByKind[entry.fault] += 1;
    const contractMismatches = unexplainedDetails.filter((line) => line.includes('does not match the contract')).length;
    for (const line of this.harness.warnings) if (line.includes('stopped a pass')) crashes.push(line);
    return {
      ...report,
      seed: this.options.seed,
      seconds: 0,
      kinds,
      unexplainedDetails: [...unexplainedDetails, ...this.syncNotSettled, ...crashes],
      syncNotSettled: this.syncNotSettled.length,
      explainedCodes,
      keystrokes: this.keystrokes,
      crashes: crashes.length,
      contractMismatches,
      requests: requests.length,
      faulted: requests.filter((entry) => entry.fault).length,
      faultedByKind,
    };
  }

  private checkFiles(report: Figures, caseName: string, files: LocalFile[], details: string[]): void {
    const onServer = this.emulator.control.data.attachments(caseName);
    for (const file of files) {
      report.filesUploaded += 1;
      const copies = onServer.filter((stored) => stored.filename === file.name);
      if (copies.length > 1) report.duplicateFiles += copies.length - 1;
      if (copies.length > 0 && copies.every((copy) => copy.sha256 === file.sha256 && copy.sizeBytes === file.size)) {
        report.filesMatching += 1;
      } else {
        report.filesMismatched += 1;
        details.push(`file ${file.name} on ${caseName}: ${copies.length ? 'other bytes' : 'not on the case'}`);
      }
    }
  }
}

type Figures = Pick<
  FaultSoakReport,
  | 'duplicateCases'
  | 'duplicateMessages'
  | 'lostSubmissions'
  | 'landedButRefused'
  | 'stillQueued'
  | 'casesMissingInApp'
  | 'draftsChecked'
  | 'lostDrafts'
  | 'filesUploaded'
  | 'filesMatching'
  | 'filesMismatched'
  | 'duplicateFiles'
>;

function emptyFigures(): Figures {
  return {
    duplicateCases: 0,
    duplicateMessages: 0,
    lostSubmissions: 0,
    landedButRefused: 0,
    stillQueued: 0,
    casesMissingInApp: 0,
    draftsChecked: 0,
    lostDrafts: 0,
    filesUploaded: 0,
    filesMatching: 0,
    filesMismatched: 0,
    duplicateFiles: 0,
  };
}

/** Refusals whose message says which rule: the report groups them by it. */
const WHY_WORTH_SAYING: ReadonlySet<string> = new Set(['failed_precondition', 'invalid_argument', 'not_found']);

/** A refusal's message without the case it names, so one rule counts once. */
function reasonOf(message: string): string {
  return message.replace(/(organizations|projects)\/[^/\s]+\/cases\/[^/\s]+/g, '<case>').slice(0, 80);
}

function pickWeighted(random: Prng): ActionKind {
  let draw = random.next();
  for (const [kind, weight] of WEIGHTS) {
    draw -= weight;
    if (draw < 0) return kind;
  }
  return WEIGHTS[WEIGHTS.length - 1]![0];
}

function newCaseContent(customerId: string, serial: number): NewCaseDraftContent {
  return {
    kind: 'new_case',
    step: 'description',
    customerId,
    title: `Soak case ${serial}: mail delayed`,
    categoryQuery: '',
    classification: null,
    details: '',
    answers: {},
    priority: 'P3',
    languageCode: 'en',
    timeZone: 'Europe/Paris',
    localeSource: 'user',
    subscribersText: '',
  };
}

async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return { done: true };
  } catch (error) {
    return failureOf(error);
  }
}

function failureOf(error: unknown): Outcome & { done: false } {
  if (isAppError(error)) return { done: false, code: error.code, message: error.message };
  return { done: false, code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

const WORDS = [
  'mail',
  'delayed',
  'since',
  'Monday',
  'the',
  'sales',
  'team',
  'cannot',
  'reach',
  'Drive',
  'après',
  'la',
  'migration',
  'été',
  'users',
  'see',
  'error',
  '502',
];

function randomText(random: Prng, size: number): string {
  let text = '';
  while (text.length < size) text += `${random.next().toString(36).slice(2)}\n`;
  return text.slice(0, size);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
