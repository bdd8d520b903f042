import type { Actor, CaseState } from '../../google-wire/google-types';
import type { CaseRecord, CustomerRecord, DemoAccount, Language } from '../store/model';
import { planHistory, MINUTE, type HistoryPlan } from './case-history';
import { CASE_TEMPLATES, type CaseTemplate } from './case-texts';
import { classificationFor } from './classifications';
import { hashString, type Prng } from './prng';

type SeededState = Exclude<CaseState, 'STATE_UNSPECIFIED'>;

const STATE_WEIGHTS: [SeededState, number][] = [
  ['NEW', 0.06],
  ['IN_PROGRESS_GOOGLE_SUPPORT', 0.22],
  ['ACTION_REQUIRED', 0.14],
  ['SOLUTION_PROVIDED', 0.14],
  ['CLOSED', 0.44],
];
const PRIORITY_WEIGHTS: [CaseRecord['priority'], number][] = [
  ['P0', 0.03],
  ['P1', 0.12],
  ['P2', 0.35],
  ['P3', 0.35],
  ['P4', 0.15],
];

function weighted<T>(prng: Prng, weights: [T, number][]): T {
  let roll = prng.next();
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (weights[weights.length - 1] as [T, number])[0];
}

// Large data sets seed 100,000 cases: share the immutable parts instead of rebuilding them per case.
const actors = new Map<string, Actor>();
function actorOf(account: DemoAccount): Actor {
  let actor = actors.get(account.email);
  if (!actor) {
    actor = { displayName: account.displayName, email: account.email, googleSupport: false };
    actors.set(account.email, actor);
  }
  return actor;
}

const classifications = new Map<CaseTemplate, CaseRecord['classification']>();
function classificationOf(template: CaseTemplate): CaseRecord['classification'] {
  let classification = classifications.get(template);
  if (!classification) {
    classification = classificationFor(template.category);
    classifications.set(template, classification);
  }
  return classification;
}

export interface CaseSeedInput {
  prng: Prng;
  id: string;
  customer: CustomerRecord;
  /** The reseller that filed it (the customer's reseller at that time). */
  resellerDomain: string;
  language: Language;
  filers: DemoAccount[];
  /** Earliest and latest creation time. */
  window: [number, number];
  now: number;
}

export interface SeededCase {
  record: CaseRecord;
  plan: HistoryPlan;
  creator: Actor;
}

/** A seeded case with a state, priority and history consistent with each other; comments are left to the caller. */
export function seedCase(input: CaseSeedInput): SeededCase {
  const { prng, id, customer, language, now } = input;
  const template = prng.pick(CASE_TEMPLATES);
  const filer = prng.pick(input.filers);
  const creator = actorOf(filer);
  let state = weighted(prng, STATE_WEIGHTS);
  const [earliest, latest] = input.window;
  let createTime = earliest + Math.floor(prng.next() * Math.max(0, latest - earliest));
  if (state === 'NEW') {
    // A case waits in NEW for minutes, not weeks: recent ones only (older ones were answered).
    if (latest >= now - 60 * MINUTE) createTime = now - prng.int(10, 50) * MINUTE;
    else state = 'CLOSED';
  }
  const plan = planHistory(hashString(`history:${id}`), state, createTime, now);
  const subscribers = prng.chance(0.4) ? [`it-team@${customer.domain}`] : [];
  const record: CaseRecord = {
    id,
    orgNumber: customer.orgNumber,
    customerId: customer.customerId,
    resellerDomain: input.resellerDomain,
    displayName: template[language].title,
    description: template[language].description,
    classification: classificationOf(template),
    timeZone: customer.timeZone,
    subscriberEmailAddresses: subscribers,
    state,
    createTime,
    updateTime: plan.updateTime,
    creator,
    contactEmail: filer.email,
    escalated: customer.premiumSupport && state !== 'NEW' && prng.chance(0.2),
    testCase: false,
    languageCode: language,
    priority: weighted(prng, PRIORITY_WEIGHTS),
    indexedAt: createTime,
    comments: undefined,
    attachments: [],
  };
  if (plan.closeTime !== undefined) record.closeTime = plan.closeTime;
  return { record, plan, creator };
}
