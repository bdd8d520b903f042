import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { Priority } from '../../shared/model/case';
import type { CaseClassificationChoice, NewCase, StagedFile } from '../../shared/model/case-actions';
import type { Customer } from '../../shared/model/customer';
import type { Draft, DraftContent } from '../../shared/model/draft';
import { caseLanguageFor } from '../../shared/new-case/case-languages';
import { composeDescription, questionFamilyOf } from '../../shared/new-case/guided-questions';
import { parseSubscriberEmails } from '../../shared/new-case/subscriber-list';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import type { DraftSaver } from './draft-saver';
import { toErrorData } from './error-data';
import { createSequenceGuards } from './sequence-guard';

import { NEW_CASE_STEPS, type NewCaseStep } from '../../shared/new-case/new-case-steps';

export { NEW_CASE_STEPS, type NewCaseStep };

/** Google's limits (Case.display_name, and what case:create accepts). */
export const MAX_TITLE_CHARS = 500;
export const MAX_ATTACHMENTS = 20;

/** The customer as chosen: enough to word the flow and scan for its domain's addresses. */
export type DraftCustomer = Pick<Customer, 'customerId' | 'domain' | 'organizationName' | 'access'>;

export interface NewCaseDraft {
  domain: string;
  /** The core's draft this form is saved into on every change (draft:save). */
  draftId: string;
  step: NewCaseStep;
  customer: DraftCustomer | null;
  title: string;
  categoryQuery: string;
  classification: CaseClassificationChoice | null;
  details: string;
  /** By question catalog key; kept when the category changes, only the family's are sent. */
  answers: Readonly<Record<string, string>>;
  attachments: readonly StagedFile[];
  priority: Priority | null;
  languageCode: string;
  timeZone: string;
  /** Where the language and time zone came from; the user's own choice is never overwritten. */
  localeSource: 'system' | 'customer' | 'user';
  subscribersText: string;
  /** Steps the user tried to leave while incomplete: their problem is shown from then on. */
  attempted: readonly NewCaseStep[];
  submitting: boolean;
  submitError: AppErrorData | null;
  /** files:pick failed (e.g. the dialog could not open). */
  filesError: AppErrorData | null;
}

export interface CategorySearch {
  query: string;
  results: readonly CaseClassificationChoice[];
  loading: boolean;
  error: AppErrorData | null;
}

/** What composes the description: the question texts and the heading, in the UI language. */
export interface DescriptionText {
  question: (key: string) => string;
  heading: string;
}

export type DraftFields = Partial<
  Pick<
    NewCaseDraft,
    'title' | 'categoryQuery' | 'classification' | 'details' | 'priority' | 'subscribersText' | 'attachments'
  >
>;

export interface NewCaseState {
  /** One draft per domain: what was typed survives closing the flow, errors and tab switches. */
  drafts: Readonly<Record<string, NewCaseDraft>>;
  categories: Readonly<Record<string, CategorySearch>>;
  /**
   * Opens the domain's draft where it was left, or a new one; `customer` (an entry point
   * on a customer) is chosen in it, from its customer step.
   */
  start(domain: string, customer?: DraftCustomer): void;
  /**
   * Continues a draft the core kept (Drafts list, after a reload, or taken back from the
   * outbox): it becomes the domain's New case, at the step it was left, with its files.
   */
  resume(domain: string, draft: Draft): void;
  /** The core listed the domain's drafts: with no New case open here, the newest one is taken up. */
  adoptStored(domain: string, drafts: readonly Draft[]): void;
  /** The draft was discarded elsewhere (Drafts list): the form lets go of it, the core keeps it for undo. */
  dropDraft(domain: string, draftId: string): void;
  /** Deletes the draft and releases its staged files. */
  discard(domain: string): void;
  update(domain: string, fields: DraftFields): void;
  setAnswer(domain: string, key: string, answer: string): void;
  selectCustomer(domain: string, customer: DraftCustomer): Promise<void>;
  setLocale(domain: string, locale: { languageCode?: string; timeZone?: string }): void;
  goTo(domain: string, step: NewCaseStep): void;
  /** Moves on when the step is complete; otherwise marks it attempted (its problem shows) and stays. */
  next(domain: string): boolean;
  back(domain: string): void;
  searchCategories(domain: string, query: string): Promise<void>;
  pickFiles(domain: string): Promise<void>;
  /** Files dropped on the attachments step: main stages each by its path (checked again there). */
  dropFiles(domain: string, files: readonly File[]): Promise<void>;
  removeFile(domain: string, fileId: string): void;
  /**
   * Submits the case through the domain's outbox, which consumes the draft (and its files)
   * with it: the case filed, or 'queued' to be sent when the domain is back online. Null
   * when it was refused (see submitError; the draft stays) or is incomplete.
   */
  submit(domain: string, text: DescriptionText): Promise<FiledCase | 'queued' | null>;
}

/** The case a submission filed, to open it. */
export interface FiledCase {
  name: string;
  customerId: string;
}

/** What the store asks of the platform, so tests can pin it. */
export interface NewCaseEnvironment {
  systemLocale(): string;
  systemTimeZone(): string;
  newTransferId(): string;
}

const browserEnvironment: NewCaseEnvironment = {
  systemLocale: () => navigator.language,
  systemTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  newTransferId: () => crypto.randomUUID(),
};

/** Why a step cannot be left yet, as a catalog key; null when it is complete. */
export function stepProblem(draft: NewCaseDraft, step: NewCaseStep): string | null {
  switch (step) {
    case 'customer':
      return draft.customer && draft.customer.access !== 'not_granted' ? null : 'newCase.customer.choose';
    case 'product':
      return null;
    case 'title':
      if (draft.title.trim() === '') return 'newCase.titleStep.empty';
      return draft.title.trim().length > MAX_TITLE_CHARS ? 'newCase.titleStep.tooLong' : null;
    case 'category':
      return draft.classification ? null : 'newCase.category.choose';
    case 'description':
      return draft.details.trim() === '' ? 'newCase.description.empty' : null;
    case 'attachments':
      return draft.attachments.length > MAX_ATTACHMENTS ? 'newCase.attachments.tooMany' : null;
    case 'priority':
      return draft.priority ? null : 'newCase.priority.choose';
    case 'locale':
      return draft.languageCode && draft.timeZone ? null : 'newCase.locale.choose';
    case 'share':
      return parseSubscriberEmails(draft.subscribersText).invalid.length > 0 ? 'newCase.share.invalid' : null;
    case 'review':
      return null;
  }
}

/** The first step still incomplete, or null when the case can be submitted. */
export function firstIncompleteStep(draft: NewCaseDraft): NewCaseStep | null {
  return NEW_CASE_STEPS.find((step) => stepProblem(draft, step) !== null) ?? null;
}

/** The description as it will be sent: the user's words and the answered questions. */
export function draftDescription(draft: NewCaseDraft, text: DescriptionText): string {
  return composeDescription(
    {
      details: draft.details,
      family: questionFamilyOf(draft.classification?.displayName ?? ''),
      answers: draft.answers,
    },
    text,
  );
}

/** What the core keeps of the form: every field and the step, not the view's state. */
export function newCaseContent(draft: NewCaseDraft): DraftContent {
  return {
    kind: 'new_case',
    step: draft.step,
    customerId: draft.customer?.customerId ?? null,
    title: draft.title,
    categoryQuery: draft.categoryQuery,
    classification: draft.classification,
    details: draft.details,
    answers: { ...draft.answers },
    priority: draft.priority,
    languageCode: draft.languageCode,
    timeZone: draft.timeZone,
    localeSource: draft.localeSource,
    subscribersText: draft.subscribersText,
  };
}

/**
 * `saver` makes the form a draft in the core from the first change (the app always gives
 * one); without it the form lives in this window only.
 */
export function createNewCaseStore(
  client: PartnerDeskClient,
  env: NewCaseEnvironment = browserEnvironment,
  saver?: DraftSaver,
): StoreApi<NewCaseState> {
  const guards = createSequenceGuards();
  /** The content last handed to the saver per draft: a change of view state alone is not saved. */
  const lastSaved = new Map<string, string>();

  return createStore<NewCaseState>((set, get) => {
    const persist = (draft: NewCaseDraft | undefined) => {
      if (!saver || !draft || saver.isDiscarded(draft.draftId)) return;
      const content = newCaseContent(draft);
      const json = JSON.stringify(content);
      if (lastSaved.get(draft.draftId) === json) return;
      lastSaved.set(draft.draftId, json);
      saver.save(draft.domain, draft.draftId, content);
    };
    const change = (domain: string, fields: Partial<NewCaseDraft>) => {
      set((state) => {
        const draft = state.drafts[domain];
        return draft ? { drafts: { ...state.drafts, [domain]: { ...draft, ...fields } } } : {};
      });
      persist(draftOf(domain));
    };
    const draftOf = (domain: string) => get().drafts[domain];
    /** The draft exists in the core (attach and detach need it): saved now if it never was. */
    const committed = async (draft: NewCaseDraft) => {
      if (!saver) return;
      if (!lastSaved.has(draft.draftId)) {
        lastSaved.set(draft.draftId, JSON.stringify(newCaseContent(draft)));
        saver.save(draft.domain, draft.draftId, newCaseContent(draft));
      }
      await saver.flush(draft.draftId);
    };
    /** Drops the domain's draft and category search (its staged files are the caller's to release or keep). */
    const forget = (domain: string) => {
      guards.forget(domain);
      set((state) => {
        const drafts = { ...state.drafts };
        const categories = { ...state.categories };
        delete drafts[domain];
        delete categories[domain];
        return { drafts, categories };
      });
    };
    const emptyDraft = (domain: string): NewCaseDraft => ({
      domain,
      draftId: saver?.newId() ?? crypto.randomUUID(),
      step: 'customer',
      customer: null,
      title: '',
      categoryQuery: '',
      classification: null,
      details: '',
      answers: {},
      attachments: [],
      priority: null,
      languageCode: caseLanguageFor(env.systemLocale()),
      timeZone: env.systemTimeZone(),
      localeSource: 'system',
      subscribersText: '',
      attempted: [],
      submitting: false,
      submitError: null,
      filesError: null,
    });
    const release = (files: readonly StagedFile[]) => {
      for (const file of files) {
        client.invoke('files:release', { fileId: file.fileId }).catch((error: unknown) => {
          console.warn('files:release failed', error);
        });
      }
    };

    const addStaged = async (domain: string, staged: readonly StagedFile[]) => {
      const draft = draftOf(domain);
      // The draft was discarded while the dialog was open: nothing will upload these.
      if (!draft) return release(staged);
      if (saver) {
        // Each file is copied into the draft by the core first: the draft then holds it whatever happens to the original.
        await committed(draft);
        for (const file of staged) {
          await client.invoke('draft:attach', { domain, id: draft.draftId, fileId: file.fileId });
        }
      }
      const now = draftOf(domain);
      if (!now || now.draftId !== draft.draftId) return;
      const known = new Set(now.attachments.map((f) => f.fileId));
      change(domain, {
        attachments: [...now.attachments, ...staged.filter((f) => !known.has(f.fileId))],
      });
    };
    const fromStored = (domain: string, stored: Draft): NewCaseDraft | null => {
      const content = stored.content;
      if (content.kind !== 'new_case') return null;
      return {
        ...emptyDraft(domain),
        ...content,
        draftId: stored.id,
        // Named properly once customers:list answers (see resume).
        customer: content.customerId
          ? { customerId: content.customerId, domain: '', organizationName: content.customerId, access: 'granted' }
          : null,
        attachments: stored.files.map((file) => ({
          fileId: file.fileId,
          filename: file.name,
          sizeBytes: file.size,
          mimeType: file.mimeType,
        })),
      };
    };

    return {
      drafts: {},
      categories: {},

      start(domain, customer) {
        if (!draftOf(domain)) set((state) => ({ drafts: { ...state.drafts, [domain]: emptyDraft(domain) } }));
        if (!customer) return;
        // From a customer, the flow opens on the customer step: none of the portal's steps is skipped.
        // A customer without reseller access cannot be chosen: the step lists it greyed with the remedy.
        if (customer.access !== 'not_granted' && draftOf(domain)?.customer?.customerId !== customer.customerId) {
          void get().selectCustomer(domain, customer);
        }
        if (draftOf(domain)?.step !== 'customer') change(domain, { step: 'customer' });
      },

      resume(domain, stored) {
        const draft = fromStored(domain, stored);
        if (!draft) return;
        lastSaved.set(draft.draftId, JSON.stringify(newCaseContent(draft)));
        guards.forget(domain);
        set((state) => ({ drafts: { ...state.drafts, [domain]: draft } }));
        const customerId = draft.customer?.customerId;
        if (!customerId) return;
        client.invoke('customers:list', { domain }).then(
          (customers) => {
            const found = customers.find((c) => c.customerId === customerId);
            const now = draftOf(domain);
            if (!found || now?.draftId !== draft.draftId || now.customer?.customerId !== customerId) return;
            const { domain: customerDomain, organizationName, access } = found;
            change(domain, { customer: { customerId, domain: customerDomain, organizationName, access } });
          },
          (error: unknown) => console.warn('customers:list failed', error),
        );
      },

      adoptStored(domain, stored) {
        if (draftOf(domain) || !saver) return;
        const newest = stored.find((d) => d.content.kind === 'new_case' && !saver.isDiscarded(d.id));
        if (newest) get().resume(domain, newest);
      },

      dropDraft(domain, draftId) {
        if (draftOf(domain)?.draftId === draftId) forget(domain);
      },

      discard(domain) {
        const draft = draftOf(domain);
        if (!draft) return;
        if (saver) void saver.discard(domain, draft.draftId);
        else release(draft.attachments);
        forget(domain);
      },

      update(domain, fields) {
        change(domain, { ...fields, submitError: null });
      },

      setAnswer(domain, key, answer) {
        const draft = draftOf(domain);
        if (draft) change(domain, { answers: { ...draft.answers, [key]: answer } });
      },

      async selectCustomer(domain, customer) {
        change(domain, { customer, submitError: null });
        if (draftOf(domain)?.localeSource === 'user') return;
        try {
          const locale = await client.invoke('case:localeFor', { domain, customerId: customer.customerId });
          const draft = draftOf(domain);
          // Still this customer, and the user has not chosen in the meantime.
          if (!locale || !draft || draft.customer?.customerId !== customer.customerId) return;
          if (draft.localeSource === 'user') return;
          change(domain, { languageCode: locale.languageCode, timeZone: locale.timeZone, localeSource: 'customer' });
        } catch (error) {
          // The OS prefill stays; the step is editable anyway.
          console.warn('case:localeFor failed', error);
        }
      },

      setLocale(domain, locale) {
        change(domain, { ...locale, localeSource: 'user' });
      },

      goTo(domain, step) {
        change(domain, { step });
      },

      next(domain) {
        const draft = draftOf(domain);
        if (!draft) return false;
        if (stepProblem(draft, draft.step) !== null) {
          if (!draft.attempted.includes(draft.step)) change(domain, { attempted: [...draft.attempted, draft.step] });
          return false;
        }
        const following = NEW_CASE_STEPS[NEW_CASE_STEPS.indexOf(draft.step) + 1];
        if (following) change(domain, { step: following });
        return true;
      },

      back(domain) {
        const draft = draftOf(domain);
        const previous = draft && NEW_CASE_STEPS[NEW_CASE_STEPS.indexOf(draft.step) - 1];
        if (previous) change(domain, { step: previous });
      },

      async searchCategories(domain, query) {
        const seq = guards.of(domain).next();
        const previous = get().categories[domain];
        const put = (search: CategorySearch) =>
          set((state) => ({ categories: { ...state.categories, [domain]: search } }));
        put({ query, results: previous?.results ?? [], loading: true, error: null });
        try {
          const results = await client.invoke('classifications:search', { domain, query: query.trim() });
          if (guards.of(domain).isLatest(seq)) put({ query, results, loading: false, error: null });
        } catch (error) {
          if (guards.of(domain).isLatest(seq)) put({ query, results: [], loading: false, error: toErrorData(error) });
        }
      },

      async pickFiles(domain) {
        change(domain, { filesError: null });
        try {
          await addStaged(domain, await client.invoke('files:pick', {}));
        } catch (error) {
          change(domain, { filesError: toErrorData(error) });
        }
      },

      async dropFiles(domain, files) {
        change(domain, { filesError: null });
        // One at a time, in the order dropped: each is read and checked by main before the next.
        // A refused one is said (and stays said) while the others are still added.
        for (const file of files) {
          try {
            await addStaged(domain, [await client.stageDroppedFile(file)]);
          } catch (error) {
            change(domain, { filesError: toErrorData(error) });
          }
        }
      },

      removeFile(domain, fileId) {
        const draft = draftOf(domain);
        if (!draft) return;
        if (saver) {
          const id = draft.draftId;
          saver
            .flush(id)
            .then(() => client.invoke('draft:detach', { domain, id, fileId }))
            .catch((error: unknown) => client.log.warn('draft:detach failed', error));
        } else {
          release(draft.attachments.filter((f) => f.fileId === fileId));
        }
        change(domain, { attachments: draft.attachments.filter((f) => f.fileId !== fileId) });
      },

      async submit(domain, text) {
        const draft = draftOf(domain);
        if (!draft || draft.submitting) return null;
        const incomplete = firstIncompleteStep(draft);
        if (incomplete) {
          change(domain, { step: incomplete, attempted: [...new Set([...draft.attempted, incomplete])] });
          return null;
        }
        const { customer, classification, priority } = draft;
        if (!customer || !classification || !priority) return null;
        const newCase: NewCase = {
          customerId: customer.customerId,
          title: draft.title.trim(),
          classification,
          description: draftDescription(draft, text),
          priority,
          languageCode: draft.languageCode,
          timeZone: draft.timeZone,
          subscriberEmailAddresses: parseSubscriberEmails(draft.subscribersText).emails,
          attachments: draft.attachments.map((file) => ({ fileId: file.fileId, transferId: env.newTransferId() })),
        };
        change(domain, { submitting: true, submitError: null });
        try {
          // The last keystroke is in the draft before the core consumes it with the submission.
          await committed(draft);
          const item = await client.invoke('outbox:submit', {
            domain,
            draftId: saver ? draft.draftId : null,
            submission: { kind: 'new_case', newCase },
          });
          // The draft and its files now belong to the outbox, which uploads them once the case exists.
          forget(domain);
          return item.state === 'sent' && item.result
            ? { name: item.result.caseName, customerId: newCase.customerId }
            : 'queued';
        } catch (error) {
          change(domain, { submitting: false, submitError: toErrorData(error) });
          return null;
        }
      },
    };
  });
}
