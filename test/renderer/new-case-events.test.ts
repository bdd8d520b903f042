import { describe, expect, it } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { caseDetailKey } from '../../renderer/store/case-detail-store';
import { wireEvents } from '../../renderer/store/wire-events';
import { makeCase } from './case-fixtures';
import { DOMAIN, makeDetail } from './case-detail-fixtures';
import { createFakeBridge, settle } from './fake-bridge';

describe('a case filed from the New case flow', () => {
  it('is read again when a sync makes it real, and only while it is pending', async () => {
    let pending = true;
    const bridge = createFakeBridge({ 'case:get': () => ({ detail: makeDetail({ pending }), source: 'cache' }) });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    const unwire = wireEvents(stores);
    const name = makeCase(1).name;
    const reads = () => bridge.calls.filter((c) => c.channel === 'case:get').length;
    stores.caseDetails.getState().apply(DOMAIN, makeDetail({ pending: true }));
    stores.ui.getState().openCaseIn(DOMAIN, name);

    pending = false;
    bridge.emit('cases:changed', { domain: DOMAIN });
    await settle();
    expect(reads()).toBe(1);
    expect(stores.caseDetails.getState().details[caseDetailKey(DOMAIN, name)]?.detail?.pending).toBe(false);

    // Real now: further syncs leave the open case to case:changed.
    bridge.emit('cases:changed', { domain: DOMAIN });
    await settle();
    expect(reads()).toBe(1);
    // Another domain's sync does not read this domain's case.
    stores.caseDetails.getState().apply(DOMAIN, makeDetail({ pending: true }));
    bridge.emit('cases:changed', { domain: 'lumiere-revendeur.example' });
    await settle();
    expect(reads()).toBe(1);
    unwire();
  });
});
