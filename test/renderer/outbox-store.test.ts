import { describe, expect, it } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { unsentCount } from '../../renderer/store/outbox-store';
import { forgetDomain, wireEvents } from '../../renderer/store/wire-events';
import type { OutboxItem } from '../../shared/model/outbox';
import { createFakeBridge, settle } from './fake-bridge';
import { outboxItem } from './outbox-fixtures';

const NORTHWIND = 'northwind-reseller.example';
const LUMIERE = 'revendeur-lumiere.example';
const CASE = 'organizations/1001/cases/42';

function setup() {
  const items: Record<string, OutboxItem[]> = {
    [NORTHWIND]: [
      outboxItem(NORTHWIND, { kind: 'comment', caseName: CASE, body: 'Queued.' }, 'queued'),
      outboxItem(NORTHWIND, { kind: 'priority', caseName: CASE, priority: 'P1' }, 'failed', {
        error: { code: 'missing_privilege', message: 'no', detail: { privilege: 'support.cases.update' } },
      }),
      outboxItem(NORTHWIND, { kind: 'comment', caseName: CASE, body: 'Sent.' }, 'sent'),
    ],
    [LUMIERE]: [],
  };
  const bridge = createFakeBridge({
    'outbox:list': ({ domain }: { domain: string }) => items[domain] ?? [],
    'outbox:retry': ({ domain, id }: { domain: string; id: string }) => {
      const item = items[domain]?.find((candidate) => candidate.id === id);
      if (!item) throw { code: 'not_found', message: 'No such item.' };
      item.state = 'sent';
      return item;
    },
    'outbox:discard': ({ domain, id }: { domain: string; id: string }) => {
      if (!items[domain]?.some((item) => item.id === id)) throw { code: 'not_found', message: 'No such item.' };
      items[domain] = items[domain]!.filter((item) => item.id !== id);
      return {};
    },
    'outbox:edit': () => {
      throw { code: 'failed_precondition', message: 'busy', detail: { reason: 'outbox_item_busy' } };
    },
  });
  const stores = createAppStores(createPartnerDeskClient(bridge));
  return { bridge, stores, items };
}

describe('outbox store', () => {
  it("loads each domain's outbox on its own and counts what is not sent yet", async () => {
    const { stores } = setup();
    await stores.outbox.getState().load(NORTHWIND);
    await stores.outbox.getState().load(LUMIERE);
    const { lists } = stores.outbox.getState();
    expect(lists[NORTHWIND]?.items?.map((item) => item.state)).toEqual(['queued', 'failed', 'sent']);
    expect(unsentCount(lists[NORTHWIND])).toBe(2);
    expect(lists[LUMIERE]?.items).toEqual([]);
    expect(unsentCount(lists[LUMIERE])).toBe(0);
    expect(unsentCount(undefined)).toBe(0);
  });

  it('retries and discards, then shows the outbox as the core has it', async () => {
    const { stores, items } = setup();
    const [queued, failed] = items[NORTHWIND]!;
    await stores.outbox.getState().retry(NORTHWIND, queued!.id);
    await stores.outbox.getState().discard(NORTHWIND, failed!.id);
    const view = stores.outbox.getState().lists[NORTHWIND];
    expect(view?.items?.map((item) => [item.id, item.state])).toEqual([
      [queued!.id, 'sent'],
      [items[NORTHWIND]![1]!.id, 'sent'],
    ]);
    expect(view?.actionError).toBeNull();
  });

  it("keeps a refused action's error with its item, and one domain cannot act on another's", async () => {
    const { stores, items } = setup();
    const id = items[NORTHWIND]![0]!.id;
    expect(await stores.outbox.getState().edit(NORTHWIND, id)).toBeNull();
    expect(stores.outbox.getState().lists[NORTHWIND]?.actionError).toEqual({
      id,
      error: { code: 'failed_precondition', message: 'busy', detail: { reason: 'outbox_item_busy' } },
    });
    await stores.outbox.getState().discard(LUMIERE, id);
    expect(stores.outbox.getState().lists[LUMIERE]?.actionError?.error.code).toBe('not_found');
    expect(items[NORTHWIND]).toHaveLength(3);
  });

  it('reloads on outbox:changed for that domain only, and forgets a signed-out domain', async () => {
    const { bridge, stores, items } = setup();
    const unwire = wireEvents(stores);
    await stores.outbox.getState().load(NORTHWIND);
    items[NORTHWIND] = items[NORTHWIND]!.slice(1);
    const lumiereLoads = () =>
      bridge.calls.filter((c) => c.channel === 'outbox:list' && (c.request as { domain: string }).domain === LUMIERE)
        .length;
    bridge.emit('outbox:changed', { domain: NORTHWIND });
    await settle();
    expect(stores.outbox.getState().lists[NORTHWIND]?.items).toHaveLength(2);
    expect(lumiereLoads()).toBe(0);
    forgetDomain(stores, NORTHWIND);
    expect(stores.outbox.getState().lists[NORTHWIND]).toBeUndefined();
    unwire();
  });
});
