import type { CaseDetail } from '../../../shared/model/case';
import type { Customer } from '../../../shared/model/customer';

/** Small synthetic customers and cases for the cache tests, one domain. */
export const DOMAIN = 'northwind-reseller.example';

export const customer = (n: number): Customer => ({
  customerId: `C${n}`,
  domain: `customer${n}.example`,
  organizationName: `Customer ${n}`,
  organization: `organizations/${1000 + n}`,
  access: 'granted',
  premiumSupport: false,
  caseCount: 0,
});

export const detail = (n: number, customerNumber = 1, overrides: Partial<CaseDetail> = {}): CaseDetail => ({
  name: `organizations/${1000 + customerNumber}/cases/${n}`,
  domain: DOMAIN,
  customerId: `C${customerNumber}`,
  customerName: `Customer ${customerNumber}`,
  title: `Case ${n}`,
  state: 'NEW',
  priority: 'P3',
  category: 'Gmail',
  createTime: '2026-01-01T00:00:00Z',
  updateTime: `2026-01-0${1 + (n % 8)}T00:00:00Z`,
  escalated: false,
  pending: false,
  description: `Description of case ${n}`,
  classificationId: 'gmail',
  timeZone: 'Europe/Paris',
  languageCode: 'fr',
  subscriberEmailAddresses: [],
  contactEmail: '',
  creator: { displayName: 'Alex', googleSupport: false },
  comments: [],
  attachments: [],
  ...overrides,
});
