import { describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/model/customer';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createCustomersStore } from '../../renderer/store/customers-store';
import { createFakeBridge, deferred, settle } from './fake-bridge';

const customer = (name: string): Customer => ({
  customerId: `C-${name}`,
  domain: `${name}.example`,
  organizationName: name,
  organization: null,
  access: 'granted',
  premiumSupport: false,
  caseCount: 1,
});

describe('customers store', () => {
  it('keeps the answer of the latest search only', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<Customer[]>>>();
    const bridge = createFakeBridge({
      'customers:list': ({ search }: { search?: string }) => {
        const answer = deferred<Customer[]>();
        answers.set(search ?? '', answer);
        return answer.promise;
      },
    });
    const store = createCustomersStore(createPartnerDeskClient(bridge));
    void store.getState().load('a.example', 'ac');
    void store.getState().load('a.example', 'acm');
    answers.get('acm')!.resolve([customer('acme')]);
    await settle();
    answers.get('ac')!.resolve([customer('acme'), customer('acorn')]);
    await settle();
    const view = store.getState().lists['a.example']!;
    expect(view.search).toBe('acm');
    expect(view.customers?.map((c) => c.organizationName)).toEqual(['acme']);
    expect(view.loading).toBe(false);
  });

  it('keeps every customer it listed known, so a search that hides the selected one changes nothing said of it', async () => {
    const blocked = { ...customer('driftwood'), access: 'not_granted' as const };
    const bridge = createFakeBridge({
      'customers:list': ({ search }: { search?: string }) =>
        [customer('acme'), blocked].filter((c) => !search || c.organizationName.includes(search)),
    });
    const store = createCustomersStore(createPartnerDeskClient(bridge));
    await store.getState().load('a.example');
    await store.getState().load('a.example', 'acme');
    const view = store.getState().lists['a.example']!;
    expect(view.customers?.map((c) => c.organizationName)).toEqual(['acme']);
    expect(view.seen[blocked.customerId]).toEqual(blocked);
  });
});
