import type { Attachment, Case, Comment, Organization, ResellerCustomer } from '../../google-wire/google-types';
import type { AttachmentRecord, CaseRecord, CommentRecord, CustomerRecord } from './model';

export function iso(time: number): string {
  return new Date(time).toISOString();
}

export function caseName(record: CaseRecord): string {
  return `organizations/${record.orgNumber}/cases/${record.id}`;
}

export function caseToWire(record: CaseRecord): Case {
  return {
    name: caseName(record),
    displayName: record.displayName,
    description: record.description,
    classification: { ...record.classification },
    timeZone: record.timeZone,
    subscriberEmailAddresses: [...record.subscriberEmailAddresses],
    state: record.state,
    createTime: iso(record.createTime),
    updateTime: iso(record.updateTime),
    creator: { ...record.creator },
    contactEmail: record.contactEmail,
    escalated: record.escalated,
    testCase: record.testCase,
    languageCode: record.languageCode,
    priority: record.priority,
  };
}

export function commentToWire(record: CaseRecord, comment: CommentRecord): Comment {
  return {
    name: `${caseName(record)}/comments/${comment.id}`,
    createTime: iso(comment.createTime),
    creator: { ...comment.creator },
    body: comment.body,
    plainTextBody: comment.body,
  };
}

export function attachmentToWire(record: CaseRecord, attachment: AttachmentRecord): Attachment {
  return {
    name: `${caseName(record)}/attachments/${attachment.id}`,
    createTime: iso(attachment.createTime),
    creator: { ...attachment.creator },
    filename: attachment.filename,
    mimeType: attachment.mimeType,
    sizeBytes: String(attachment.bytes.length),
  };
}

export function customerToWire(customer: CustomerRecord): ResellerCustomer {
  return {
    kind: 'reseller#customer',
    customerId: customer.customerId,
    customerDomain: customer.domain,
    customerType: 'domained',
    alternateEmail: customer.alternateEmail,
    phoneNumber: customer.phoneNumber,
    postalAddress: { kind: 'customers#address', ...customer.postalAddress },
    primaryAdmin: { primaryEmail: customer.primaryAdminEmail },
    resourceUiUrl: `https://admin.google.com/ac/home?customer=${customer.customerId}`,
    customerDomainVerified: true,
  };
}

export function organizationToWire(customer: CustomerRecord): Organization {
  return {
    name: `organizations/${customer.orgNumber}`,
    displayName: customer.domain,
    directoryCustomerId: customer.customerId,
    state: 'ACTIVE',
    createTime: iso(customer.createTime),
    updateTime: iso(customer.createTime),
  };
}
