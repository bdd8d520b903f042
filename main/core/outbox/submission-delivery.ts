import { AppError } from '../../../shared/app-error';
import type { OutboxSubmission } from '../../../shared/model/outbox';
import type { CloudSupportClient } from '../api/cloud-support-client';
import type { CaseActions } from '../cases/case-actions';
import type { DomainContext } from '../domain/domain-context';
import { carriesReference, withReference } from './client-reference';

/** What sending a submission and looking it up need of the domain. */
export interface DeliveryDeps {
  context: DomainContext;
  /** Sends through the same checks and read-backs as a direct action. */
  actions: Pick<CaseActions, 'create' | 'comment' | 'setPriority' | 'setSubscribers'>;
  /** The look-ups after an ambiguous outcome. */
  cloudSupport(): Pick<CloudSupportClient, 'listCases' | 'listComments' | 'listAttachments'>;
  /** The organization of a customer of this domain, to look a new case up under. */
  organizationOf(customerId: string): string | undefined;
  /** The signed-in user: a new case is looked up among the cases they created. */
  userEmail(): string;
  /** Reads a case again and records it (a case found by its reference shows at once). */
  refreshCase(name: string): Promise<unknown>;
}

/** Sends one submission to Google, its client reference appended where it is visible. */
export async function deliver(
  deps: DeliveryDeps,
  reference: string,
  submission: OutboxSubmission,
): Promise<{ caseName: string }> {
  const { actions } = deps;
  switch (submission.kind) {
    case 'new_case': {
      const { newCase } = submission;
      const detail = await actions.create({
        ...newCase,
        description: withReference(newCase.description, reference),
        attachments: [],
      });
      return { caseName: detail.name };
    }
    case 'comment':
      await actions.comment(submission.caseName, withReference(submission.body, reference));
      return { caseName: submission.caseName };
    case 'priority':
      await actions.setPriority(submission.caseName, submission.priority);
      return { caseName: submission.caseName };
    case 'share':
      await actions.setSubscribers(submission.caseName, submission.subscriberEmailAddresses);
      return { caseName: submission.caseName };
  }
}

/**
 * Whether an earlier attempt landed, by its reference. Priority and share changes set a
 * value: sending them again changes nothing, so they are not looked up.
 */
export async function findDelivered(
  deps: DeliveryDeps,
  reference: string,
  submission: OutboxSubmission,
): Promise<{ caseName: string } | null> {
  let found: string | undefined;
  if (submission.kind === 'new_case') {
    const parent = deps.organizationOf(submission.newCase.customerId);
    if (!parent) throw new AppError('not_found', `${submission.newCase.customerId} is no longer a customer.`);
    // cases.list sees a case at once (cases.search only after its indexing delay).
    const listing = deps
      .cloudSupport()
      .listCases(parent, { filter: { creatorEmail: deps.userEmail() }, pageSize: 100 });
    for await (const candidate of listing) {
      if (candidate.name && carriesReference(candidate.description, reference)) {
        found = candidate.name;
        break;
      }
    }
  } else if (submission.kind === 'comment') {
    for await (const comment of deps.cloudSupport().listComments(submission.caseName, { pageSize: 100 })) {
      if (carriesReference(comment.body, reference)) {
        found = submission.caseName;
        break;
      }
    }
  }
  if (found === undefined) return null;
  const { log } = deps.context;
  log.warn(`${reference} had reached Google before its connection failed: not sent again.`);
  deps.refreshCase(found).catch((error: unknown) => log.warn(`Reading ${found} after its look-up failed`, error));
  return { caseName: found };
}
