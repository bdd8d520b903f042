import type { Actor as WireActor, Attachment, Case, Comment } from '../../google-wire/google-types';
import {
  CASE_STATE_VALUES,
  PRIORITY_VALUES,
  type Actor,
  type CaseAttachment,
  type CaseComment,
  type CaseDetail,
  type CaseState,
  type CaseSummary,
  type Priority,
} from '../../../shared/model/case';

/** Who a case belongs to, as the customer directory knows it. */
export interface CaseOwner {
  domain: string;
  customerId: string;
  customerName: string;
}

/**
 * Google's Case as the app's model. Fields Google leaves out get neutral values; an
 * unspecified state or priority (never set by our writes) reads as NEW / P4.
 */
export function toCaseDetail(
  wire: Case,
  owner: CaseOwner,
  thread: { comments: CaseComment[]; attachments: CaseAttachment[] } = { comments: [], attachments: [] },
): CaseDetail {
  return {
    ...toCaseSummary(wire, owner),
    description: wire.description ?? '',
    classificationId: wire.classification?.id ?? '',
    timeZone: wire.timeZone ?? '',
    languageCode: wire.languageCode ?? '',
    subscriberEmailAddresses: wire.subscriberEmailAddresses ?? [],
    contactEmail: wire.contactEmail ?? '',
    creator: toActor(wire.creator),
    comments: thread.comments,
    attachments: thread.attachments,
  };
}

export function toCaseSummary(wire: Case, owner: CaseOwner): CaseSummary {
  const created = wire.createTime ?? '';
  return {
    name: wire.name ?? '',
    domain: owner.domain,
    customerId: owner.customerId,
    customerName: owner.customerName,
    title: wire.displayName ?? '',
    state: toState(wire.state),
    priority: toPriority(wire.priority),
    category: wire.classification?.displayName ?? '',
    createTime: created,
    updateTime: wire.updateTime ?? created,
    escalated: wire.escalated ?? false,
    pending: false,
  };
}

export function toComment(wire: Comment): CaseComment {
  return {
    name: wire.name ?? '',
    body: wire.body ?? wire.plainTextBody ?? '',
    createTime: wire.createTime ?? '',
    creator: toActor(wire.creator),
  };
}

export function toAttachment(wire: Attachment): CaseAttachment {
  const size = Number(wire.sizeBytes ?? 0);
  return {
    name: wire.name ?? '',
    filename: wire.filename ?? '',
    mimeType: wire.mimeType ?? 'application/octet-stream',
    sizeBytes: Number.isSafeInteger(size) && size >= 0 ? size : 0,
    createTime: wire.createTime ?? '',
    creator: toActor(wire.creator),
  };
}

function toActor(wire: WireActor | undefined): Actor {
  const actor: Actor = {
    displayName: wire?.displayName ?? wire?.email ?? '',
    googleSupport: wire?.googleSupport ?? false,
  };
  if (wire?.email) actor.email = wire.email;
  return actor;
}

function toState(state: Case['state']): CaseState {
  return (CASE_STATE_VALUES as readonly string[]).includes(state ?? '') ? (state as CaseState) : 'NEW';
}

function toPriority(priority: Case['priority']): Priority {
  return (PRIORITY_VALUES as readonly string[]).includes(priority ?? '') ? (priority as Priority) : 'P4';
}
