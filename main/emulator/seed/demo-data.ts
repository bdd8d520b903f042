import type { Dataset } from '../store/dataset';
import type { CustomerRecord, DemoAccount } from '../store/model';
import { commentsOfPlan, DAY, MINUTE } from './case-history';
import { seedCase } from './case-factory';
import { CASE_CLASSIFICATIONS } from './classifications';
import { DEMO_ACCOUNTS, DEMO_DOMAINS } from './demo-accounts';
import { DEMO_CUSTOMERS, type DemoCustomerFacts } from './demo-customers';
import { Prng } from './prng';
import { sampleFiles } from './sample-files';
import { subscriptionsFor } from './subscriptions';

/** The demo data set's fixed seed: same data on every run, for the app and the tests. */
export const DEMO_SEED = 20260302;
/** First demo case number; case ids count up from here in generation order. */
export const FIRST_DEMO_CASE_ID = 47300001;

export function demoCustomer(facts: DemoCustomerFacts, now: number, prng: Prng, serial: number): CustomerRecord {
  const createTime = now - prng.int(400, 1500) * DAY;
  const customer: CustomerRecord = {
    customerId: facts.customerId,
    domain: facts.domain,
    organization: facts.organization,
    orgNumber: facts.orgNumber,
    resellerDomain: facts.resellerDomain,
    resellerSince: facts.changedResellerDaysAgo !== undefined ? now - facts.changedResellerDaysAgo * DAY : createTime,
    resellerAccess: facts.resellerAccess,
    premiumSupport: facts.premiumSupport,
    language: facts.language,
    timeZone: facts.timeZone,
    alternateEmail: `${facts.admin}@${facts.domain.replace(/\.example$/, '-mail.example')}`,
    phoneNumber: facts.phoneNumber,
    postalAddress: facts.postalAddress,
    primaryAdminEmail: `${facts.admin}@${facts.domain}`,
    createTime,
    subscriptions: subscriptionsFor(prng, facts.customerId, facts.domain, createTime, serial, facts.premiumSupport),
  };
  if (facts.previousResellerDomain) customer.previousResellerDomain = facts.previousResellerDomain;
  return customer;
}

/**
 * The demo data set (BACKEND.md §5): two reseller domains, their users, ten customers
 * each and a few hundred cases in every state, with comments and attachments. All
 * times are relative to `now` (the emulator clock at start), everything else is fixed.
 */
export function buildDemoDataset(now: number): Dataset {
  const prng = new Prng(DEMO_SEED);
  const customers = DEMO_CUSTOMERS.map((facts, i) => demoCustomer(facts, now, prng, i + 1));
  const cases: Dataset['cases'] = [];
  let nextId = FIRST_DEMO_CASE_ID;
  const filersOf = (domain: string): DemoAccount[] => DEMO_ACCOUNTS.filter((a) => a.domain === domain);
  const languageOf = (domain: string) => DEMO_DOMAINS.find((d) => d.domain === domain)?.language ?? 'en';

  const fileCases = (customer: CustomerRecord, resellerDomain: string, count: number, window: [number, number]) => {
    const language = languageOf(resellerDomain);
    for (let i = 0; i < count; i++) {
      const id = String(nextId++);
      const { record, plan, creator } = seedCase({
        prng,
        id,
        customer,
        resellerDomain,
        language,
        filers: filersOf(resellerDomain),
        window,
        now,
      });
      record.comments = commentsOfPlan(id, plan, language, creator);
      if (prng.chance(0.35)) {
        const files = sampleFiles(customer.domain, language);
        const count = prng.int(1, 2);
        for (let f = 0; f < count; f++) {
          const file = prng.pick(files);
          record.attachments.push({
            id: `${id}${String(f + 1).padStart(3, '0')}`,
            createTime: record.createTime + (f + 1) * MINUTE,
            creator: { ...creator },
            filename: file.filename,
            mimeType: file.mimeType,
            bytes: file.bytes,
          });
        }
      }
      // Some open cases move on soon after start, so the demo shows Google at work.
      if (record.state === 'NEW') {
        record.agent = { step: 'firstReply', dueAt: now + prng.int(2, 15) * MINUTE, asksInfo: prng.chance(0.5) };
      } else if (record.state === 'IN_PROGRESS_GOOGLE_SUPPORT' && prng.chance(0.4)) {
        record.agent = { step: 'solve', dueAt: now + prng.int(20, 240) * MINUTE, asksInfo: false };
      }
      cases.push(record);
    }
  };

  for (const customer of customers) {
    const recent: [number, number] = [Math.max(customer.resellerSince, now - 150 * DAY), now - 20 * MINUTE];
    if (customer.previousResellerDomain) {
      fileCases(customer, customer.previousResellerDomain, prng.int(4, 6), [
        customer.resellerSince - 200 * DAY,
        customer.resellerSince - DAY,
      ]);
      fileCases(customer, customer.resellerDomain, prng.int(6, 9), recent);
    } else {
      fileCases(customer, customer.resellerDomain, customer.resellerAccess ? prng.int(14, 20) : prng.int(2, 4), recent);
    }
  }

  return {
    domains: DEMO_DOMAINS,
    accounts: DEMO_ACCOUNTS,
    customers,
    cases,
    classifications: CASE_CLASSIFICATIONS,
  };
}
