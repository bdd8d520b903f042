import type { Dataset } from '../store/dataset';
import type { CaseRecord, CustomerRecord, DemoAccount, PostalAddress } from '../store/model';
import { commentsOfPlan, DAY, MINUTE, planHistory } from './case-history';
import { seedCase } from './case-factory';
import { CASE_CLASSIFICATIONS } from './classifications';
import { DEMO_ACCOUNTS, DEMO_DOMAINS, EXTRA_SCALE_ACCOUNT, EXTRA_SCALE_DOMAIN } from './demo-accounts';
import { hashString, Prng } from './prng';
import { subscriptionsFor } from './subscriptions';

export interface ScaleOptions {
  customersPerDomain: number;
  casesPerDomain: number;
  /**
   * 2 (default): the demo domains. 3 adds EXTRA_SCALE_DOMAIN and its admin EXTRA_SCALE_ACCOUNT
   * after them (the first two keep the same data).
   */
  resellerDomains?: 2 | 3;
}

const SCALE_SEED = 7_340_033;
const NAMES = [
  'Alder',
  'Beacon',
  'Cobalt',
  'Delta',
  'Ember',
  'Fjord',
  'Garnet',
  'Horizon',
  'Indigo',
  'Juniper',
  'Kestrel',
  'Lumen',
];
const KINDS = ['Consulting', 'Logistics', 'Dental', 'Studio', 'Foods', 'Legal', 'Clinic', 'Partners', 'Labs', 'Retail'];

/**
 * A large data set for performance work: the demo domains and users with
 * `customersPerDomain` customers and `casesPerDomain` cases each (and a third domain
 * when `resellerDomains` is 3). Comments are
 * generated on first read (from the same per-case plan) to keep memory flat.
 */
export function buildScaleDataset(now: number, options: ScaleOptions): Dataset {
  const customersPerDomain = Math.max(1, Math.floor(options.customersPerDomain));
  const casesPerDomain = Math.max(0, Math.floor(options.casesPerDomain));
  const prng = new Prng(SCALE_SEED);
  const customers: CustomerRecord[] = [];
  const cases: CaseRecord[] = [];
  let nextCaseId = 60_000_001;
  // What each case looked like when seeded: its comments are rebuilt from this, whatever changed since.
  const seeded = new Map<string, { language: 'en' | 'fr'; state: CaseRecord['state'] }>();
  const third = options.resellerDomains === 3;
  const domains = third ? [...DEMO_DOMAINS, EXTRA_SCALE_DOMAIN] : DEMO_DOMAINS;
  const accounts = third ? [...DEMO_ACCOUNTS, EXTRA_SCALE_ACCOUNT] : DEMO_ACCOUNTS;

  domains.forEach((reseller, domainIndex) => {
    const own: CustomerRecord[] = [];
    for (let i = 0; i < customersPerDomain; i++) {
      const serial = domainIndex * 1_000_000 + i;
      const name = `${NAMES[i % NAMES.length]} ${KINDS[Math.floor(i / NAMES.length) % KINDS.length]} ${i + 1}`;
      const domain = `${name.toLowerCase().replace(/ /g, '-')}.${reseller.language === 'fr' ? 'fr' : 'com'}.example`;
      const customerId = `C${(0x10000000 + serial).toString(36)}`;
      const createTime = now - prng.int(400, 1500) * DAY;
      const postalAddress: PostalAddress = {
        contactName: 'IT Administrator',
        organizationName: name,
        addressLine1: `${1 + (i % 400)} Main Street`,
        locality: reseller.language === 'fr' ? 'Lyon' : 'Springfield',
        postalCode: reseller.language === 'fr' ? '69002' : '62701',
        countryCode: reseller.language === 'fr' ? 'FR' : 'US',
      };
      const resellerAccess = prng.chance(0.9);
      const premiumSupport = prng.chance(0.2);
      const customer: CustomerRecord = {
        customerId,
        domain,
        organization: name,
        orgNumber: String(700_000_000_000 + serial),
        resellerDomain: reseller.domain,
        resellerSince: createTime,
        resellerAccess,
        premiumSupport,
        language: reseller.language,
        timeZone: reseller.language === 'fr' ? 'Europe/Paris' : 'America/Chicago',
        alternateEmail: `admin@${domain}`,
        phoneNumber: reseller.language === 'fr' ? '+33 4 00 00 00 00' : '+1 217-555-0100',
        postalAddress,
        primaryAdminEmail: `admin@${domain}`,
        createTime,
        subscriptions: subscriptionsFor(prng, customerId, domain, createTime, serial, premiumSupport),
      };
      own.push(customer);
    }
    customers.push(...own);
    const filers: DemoAccount[] = accounts.filter((a) => a.domain === reseller.domain);
    for (let c = 0; c < casesPerDomain; c++) {
      const customer = own[c % own.length] as CustomerRecord;
      const id = String(nextCaseId++);
      const { record } = seedCase({
        prng,
        id,
        customer,
        resellerDomain: reseller.domain,
        language: reseller.language,
        filers,
        window: [now - 365 * DAY, now - 20 * MINUTE],
        now,
      });
      seeded.set(id, { language: reseller.language, state: record.state });
      cases.push(record);
    }
  });

  return {
    domains,
    accounts,
    customers,
    cases,
    classifications: CASE_CLASSIFICATIONS,
    generateComments: (record) => {
      const origin = seeded.get(record.id);
      if (!origin) return [];
      const plan = planHistory(hashString(`history:${record.id}`), origin.state, record.createTime, now);
      return commentsOfPlan(record.id, plan, origin.language, { ...record.creator });
    },
  };
}
