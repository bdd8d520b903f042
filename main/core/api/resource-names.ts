import { AppError } from '../../../shared/app-error';

/**
 * Resource names go into URL paths verbatim (their slashes are path separators), so
 * each is checked against its shape first: a malformed or hostile name never reaches
 * the network.
 */
const SEGMENT = '[A-Za-z0-9._~-]+';
const PARENT = new RegExp(`^(organizations|projects)/${SEGMENT}$`);
const CASE = new RegExp(`^(organizations|projects)/${SEGMENT}/cases/${SEGMENT}$`);
const ATTACHMENT = new RegExp(`^(organizations|projects)/${SEGMENT}/cases/${SEGMENT}/attachments/${SEGMENT}$`);
const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function check(value: unknown, pattern: RegExp, what: string, field: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new AppError('invalid_argument', `"${String(value)}" is not a valid ${what}.`, { field });
  }
  return value;
}

/** `organizations/{n}` or `projects/{id}`. */
export const checkParent = (value: unknown) => check(value, PARENT, 'case parent', 'parent');
/** `organizations/{n}/cases/{id}`. */
export const checkCaseName = (value: unknown) => check(value, CASE, 'case name', 'name');
/** `organizations/{n}/cases/{id}/attachments/{id}`. */
export const checkAttachmentName = (value: unknown) => check(value, ATTACHMENT, 'attachment name', 'name');
/** A Workspace customer ID such as `C0123abcd`. */
export const checkCustomerId = (value: unknown) => check(value, CUSTOMER_ID, 'customer ID', 'customerId');

/** Whether `value` has a case name's shape (for input that must be dropped, not answered with an error). */
export const isCaseName = (value: unknown): value is string => typeof value === 'string' && CASE.test(value);

/** The parent (`organizations/{n}`) of a case name. */
export function parentOfCase(caseName: string): string {
  return checkCaseName(caseName).split('/').slice(0, 2).join('/');
}
