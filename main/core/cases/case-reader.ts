import { AppError } from '../../../shared/app-error';
import type { CaseDetail } from '../../../shared/model/case';
import type { Customer } from '../../../shared/model/customer';
import type { CloudSupportClient } from '../api/cloud-support-client';
import { checkCaseName, parentOfCase } from '../api/resource-names';
import { toAttachment, toCaseDetail, toComment } from './case-mapper';
import type { DomainCache } from './domain-cache';

/** Comments and attachments read with a case: one page each (a case rarely has more). */
const THREAD_PAGE_SIZE = 100;

/**
 * The customer of this domain whose organization holds `name`. Any other name (a case
 * of another domain's customer, or of nobody this domain knows) is refused here, before
 * any request: one domain's token never addresses another's data.
 */
export function customerOfCase(domain: string, cache: DomainCache, name: string): Customer {
  checkCaseName(name);
  const customer = cache.customerOfOrganization(parentOfCase(name));
  if (!customer) {
    throw new AppError('not_found', `This case does not belong to a customer of ${domain}.`, { name });
  }
  return customer;
}

/**
 * A case in full: its fields (cases.get), comments and attachments, read together. A
 * case filed from this app stays `pending` until the sync's search lists it: cases.get
 * sees it at once, so reading it must not end the pending state.
 */
export async function readCaseDetail(
  context: { domain: string; cache: DomainCache; cloudSupport: CloudSupportClient },
  name: string,
): Promise<CaseDetail> {
  const customer = customerOfCase(context.domain, context.cache, name);
  const { cloudSupport } = context;
  const [wire, comments, attachments] = await Promise.all([
    cloudSupport.getCase(name),
    cloudSupport.listComments(name, { pageSize: THREAD_PAGE_SIZE }).toArray(),
    cloudSupport.listAttachments(name, { pageSize: THREAD_PAGE_SIZE }).toArray(),
  ]);
  const detail = toCaseDetail(
    wire,
    { domain: context.domain, customerId: customer.customerId, customerName: customer.organizationName },
    { comments: comments.map(toComment), attachments: attachments.map(toAttachment) },
  );
  return { ...detail, pending: context.cache.getCase(name)?.detail.pending ?? false };
}
