import type { CaseDetail } from '../../shared/model/case';
import { makeCase } from './case-fixtures';

export const DOMAIN = 'northwind-reseller.example';

export function makeDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ...makeCase(1),
    description: 'Mail stopped flowing at 9:00.',
    classificationId: 'gmail-delivery',
    timeZone: 'Europe/Paris',
    languageCode: 'fr',
    subscriberEmailAddresses: [],
    contactEmail: 'it@acme.example',
    creator: { displayName: 'Alex Morgan', googleSupport: false },
    comments: [],
    attachments: [],
    ...overrides,
  };
}
