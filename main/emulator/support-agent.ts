import type { EmulatorClock } from './clock';
import { CONVERSATION } from './seed/case-texts';
import { googleSupportActor } from './seed/case-history';
import { hashString, Prng } from './seed/prng';
import type { EmulatorStore } from './store/emulator-store';
import type { AgentStep, CaseRecord, Language } from './store/model';

/**
 * What a test makes Google support do to a case at once (the control surface's
 * "act as Google support"): what the scripted agent never does (a priority change, an
 * escalation, an attachment), or a comment or state change at a chosen moment.
 */
export interface GoogleSupportAction {
  comment?: string;
  state?: Exclude<CaseRecord['state'], 'NEW'>;
  priority?: CaseRecord['priority'];
  escalate?: boolean;
  attachment?: { filename: string; mimeType?: string; text: string };
}

const MINUTE = 60_000;
const DELAYS: Record<AgentStep, [number, number]> = {
  firstReply: [2, 10],
  askInfo: [20, 90],
  solve: [30, 180],
};

/**
 * The simulated Google support engineer. It acts on the emulator clock: a new case
 * gets a first reply within minutes (NEW → IN_PROGRESS_GOOGLE_SUPPORT); about half
 * then ask for information (ACTION_REQUIRED) and wait for a customer comment; the
 * others, and those that got their answer, get a solution (SOLUTION_PROVIDED).
 * Delays derive from the case id, so runs are deterministic. Actions happen at
 * their due time even when the clock jumps past several of them.
 */
export class SupportAgent {
  private active = new Set<CaseRecord>();

  constructor(
    private store: EmulatorStore,
    private readonly clock: EmulatorClock,
    private readonly enabled: boolean,
  ) {
    this.load(store);
  }

  /** Starts over with another store (after a reset). */
  load(store: EmulatorStore): void {
    this.store = store;
    this.active = new Set();
    if (!this.enabled) return;
    for (const customer of store.domains.flatMap((d) => store.customersOf(d.domain))) {
      for (const record of store.casesOfOrg(customer.orgNumber)) if (record.agent) this.active.add(record);
    }
  }

  caseCreated(record: CaseRecord, now: number): void {
    if (!this.enabled) return;
    const asksInfo = hashString(`asks:${record.id}`) % 2 === 0;
    record.agent = { step: 'firstReply', dueAt: now + this.delay(record, 'firstReply'), asksInfo };
    this.active.add(record);
  }

  /** A customer-side comment: Google resumes work and later proposes a solution. */
  customerCommented(record: CaseRecord, now: number): void {
    if (!this.enabled || record.state !== 'IN_PROGRESS_GOOGLE_SUPPORT' || record.agent) return;
    record.agent = { step: 'solve', dueAt: now + this.delay(record, 'solve'), asksInfo: false };
    this.active.add(record);
  }

  caseClosed(record: CaseRecord): void {
    delete record.agent;
    this.active.delete(record);
  }

  /** Applies a test's action as Google support, now; the case's updateTime moves to now. */
  actAs(record: CaseRecord, action: GoogleSupportAction, now: number): void {
    const language: Language = record.languageCode.startsWith('fr') ? 'fr' : 'en';
    const actor = googleSupportActor(language);
    if (action.comment !== undefined) {
      this.store
        .commentsOf(record)
        .push({ id: this.store.newId(), createTime: now, creator: actor, body: action.comment });
    }
    if (action.attachment) {
      record.attachments.push({
        id: this.store.newId(),
        createTime: now,
        creator: actor,
        filename: action.attachment.filename,
        mimeType: action.attachment.mimeType ?? 'text/plain',
        bytes: Buffer.from(action.attachment.text),
      });
    }
    if (action.priority) record.priority = action.priority;
    if (action.escalate) record.escalated = true;
    if (action.state) {
      record.state = action.state;
      if (action.state === 'CLOSED') {
        record.closeTime = now;
        this.caseClosed(record);
      }
    }
    this.store.touch(record, now);
  }

  /** Performs every action due by now, oldest first. */
  catchUp(): void {
    if (this.active.size === 0) return;
    const now = this.clock.now();
    for (;;) {
      let next: CaseRecord | undefined;
      for (const record of this.active) {
        if (!record.agent || record.agent.dueAt > now) continue;
        if (!next || record.agent.dueAt < (next.agent?.dueAt ?? Infinity)) next = record;
      }
      if (!next?.agent) return;
      this.act(next, next.agent.step, next.agent.dueAt, next.agent.asksInfo);
    }
  }

  private act(record: CaseRecord, step: AgentStep, at: number, asksInfo: boolean): void {
    delete record.agent;
    this.active.delete(record);
    const expected = step === 'firstReply' ? 'NEW' : 'IN_PROGRESS_GOOGLE_SUPPORT';
    if (record.state !== expected) return;
    const language: Language = record.languageCode.startsWith('fr') ? 'fr' : 'en';
    const text = CONVERSATION[language];
    const comments = this.store.commentsOf(record);
    const body = step === 'firstReply' ? text.firstReply : step === 'askInfo' ? text.askInfo : text.solution;
    comments.push({ id: this.store.newId(), createTime: at, creator: googleSupportActor(language), body });
    if (step === 'firstReply') {
      record.state = 'IN_PROGRESS_GOOGLE_SUPPORT';
      const nextStep: AgentStep = asksInfo ? 'askInfo' : 'solve';
      record.agent = { step: nextStep, dueAt: at + this.delay(record, nextStep), asksInfo };
      this.active.add(record);
    } else {
      record.state = step === 'askInfo' ? 'ACTION_REQUIRED' : 'SOLUTION_PROVIDED';
    }
    this.store.touch(record, at);
  }

  private delay(record: CaseRecord, step: AgentStep): number {
    const [min, max] = DELAYS[step];
    const prng = new Prng(hashString(`${record.id}:${step}:${record.comments?.length ?? 0}`));
    return prng.int(min, max) * MINUTE;
  }
}
