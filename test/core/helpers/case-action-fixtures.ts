import { systemClock, type Clock } from '../../../main/core/ports';
import { CASE_CLASSIFICATIONS, type CustomerFacts, type RunningEmulator } from '../../../main/emulator';
import type { NewCase } from '../../../shared/model/case-actions';
import type { NewCaseDraftContent } from '../../../shared/model/draft';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../../shared/model/case-query';

/** The core reads the emulator's time, so "30 days after closing" means the same to both. */
export function emulatorClock(emulator: RunningEmulator): Clock {
  return { now: () => emulator.control.clock.now(), setTimeout: systemClock.setTimeout };
}

/** A customer of `domain` with the given access and support level, from the emulator's own data. */
export function customerWith(
  emulator: RunningEmulator,
  domain: string,
  wanted: Partial<Pick<CustomerFacts, 'resellerAccess' | 'premiumSupport'>>,
): CustomerFacts {
  const found = emulator.control.data
    .customers(domain)
    .find(
      (customer) =>
        !customer.changedReseller &&
        (wanted.resellerAccess === undefined || customer.resellerAccess === wanted.resellerAccess) &&
        (wanted.premiumSupport === undefined || customer.premiumSupport === wanted.premiumSupport),
    );
  if (!found) throw new Error(`No customer of ${domain} with ${JSON.stringify(wanted)}`);
  return found;
}

let serial = 0;

/** A New case request with a title no other test uses. */
export function newCase(customerId: string, changes: Partial<NewCase> = {}): NewCase {
  serial += 1;
  const classification = CASE_CLASSIFICATIONS[serial % CASE_CLASSIFICATIONS.length]!;
  return {
    customerId,
    title: `Mail delayed for the sales team #${serial}-${Date.now().toString(36)}`,
    classification: { id: classification.id, displayName: classification.displayName },
    description: 'External mail arrives two hours late since yesterday.\nSteps: send from Gmail to an outside address.',
    priority: 'P3',
    languageCode: 'en',
    timeZone: 'Europe/Paris',
    subscriberEmailAddresses: [],
    attachments: [],
    ...changes,
  };
}

/** A New case draft of the customer, on its review step (what the form saves before submitting). */
export function newCaseDraft(customerId: string): NewCaseDraftContent {
  return {
    kind: 'new_case',
    step: 'review',
    customerId,
    title: 'Mail delayed for the sales team',
    categoryQuery: '',
    classification: null,
    details: 'External mail arrives two hours late since yesterday.',
    answers: {},
    priority: 'P3',
    languageCode: 'en',
    timeZone: 'Europe/Paris',
    localeSource: 'user',
    subscribersText: '',
  };
}

export const casesOf = (domain: string, customerId: string) => ({
  domain,
  customerId,
  filters: EMPTY_CASE_FILTERS,
  sort: DEFAULT_CASE_SORT,
  offset: 0,
  limit: 1000,
});
