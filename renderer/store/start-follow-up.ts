import type { CaseDetail } from '../../shared/model/case';
import type { AppStores } from './app-stores';

/** The follow-up's reference paragraph, in the UI language (caseDetail.reopen.followUp*). */
export interface FollowUpText {
  /** "Follow-up to case 123 “Title”, closed on …" */
  reference: string;
  /** "Description of case 123:" */
  originalHeading: string;
}

/** The description a follow-up case starts with: the reference, then the closed case's description. */
export function followUpDescription(detail: Pick<CaseDetail, 'description'>, text: FollowUpText): string {
  return `${text.reference}\n\n${text.originalHeading}\n${detail.description}`;
}

/**
 * A case closed more than 30 days ago cannot be reopened: the portal asks for a new case.
 * Opens the New case flow on the same customer, prefilled from the closed case and
 * referring to it. A draft already in progress for this domain keeps what was typed:
 * only its empty fields are filled, and the reference goes on top of its description.
 */
export function startFollowUp(
  stores: Pick<AppStores, 'newCase' | 'customers' | 'ui'>,
  domain: string,
  detail: CaseDetail,
  text: FollowUpText,
): void {
  const newCase = stores.newCase.getState();
  const known = stores.customers.getState().lists[domain]?.customers?.find((c) => c.customerId === detail.customerId);
  const existing = newCase.drafts[domain];
  const customer = known ?? {
    customerId: detail.customerId,
    domain: '',
    organizationName: detail.customerName,
    // Not listed yet: the customer step finds out.
    access: 'unknown' as const,
  };
  newCase.start(domain, customer);
  const draft = stores.newCase.getState().drafts[domain];
  if (!draft) return;
  const description = followUpDescription(detail, text);
  newCase.update(domain, {
    title: draft.title.trim() ? draft.title : detail.title,
    details: !draft.details.trim()
      ? description
      : draft.details.includes(text.reference)
        ? draft.details
        : `${text.reference}\n\n${draft.details}`,
    ...(draft.classification || !detail.classificationId
      ? {}
      : { classification: { id: detail.classificationId, displayName: detail.category } }),
    ...(draft.priority ? {} : { priority: detail.priority }),
    ...(draft.subscribersText.trim() ? {} : { subscribersText: detail.subscriberEmailAddresses.join(', ') }),
  });
  if (!existing && detail.languageCode && detail.timeZone) {
    newCase.setLocale(domain, { languageCode: detail.languageCode, timeZone: detail.timeZone });
  }
  stores.ui.getState().showDialog({ kind: 'new-case', domain });
}
