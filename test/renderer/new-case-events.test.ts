import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/model/case';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { caseDetailKey } from '../../renderer/store/case-detail-store';
import { wireEvents } from '../../renderer/store/wire-events';
import { makeCase } from './case-fixtures';
import { createFakeBridge, settle } from './fake-bridge';

const DOMAIN = 'northwind-reseller.example';

function detail(pending: boolean): CaseDetail {
  return {
    ...makeCase(1, { pending }),
    description: 'd',
    classificationId: 'c',
    timeZone: 'Europe/Paris',
    languageCode: 'fr',
    subscriberEmailAddresses: [],
    contactEmail: 'x@a.example',
    creator: { displayName: 'X', googleSupport: false },
    comments: [],
    attachments: [],
  };
}

describe('a case filed from the New case flow', () => {
  it('is read again when a sync makes it real, and only while it is pending', async () => {
    let pending = true;
    const bridge = createFakeBridge({ 'case:get': () => ({ detail: detail(pending), source: 'cache' }) });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    const unwire = wireEvents(stores);
    const name = makeCase(1).name;
    const reads = () => bridge.calls.filter((c) => c.channel === 'case:get').length;
    stores.caseDetails.getState().apply(DOMAIN, detail(true));
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
    stores.caseDetails.getState().apply(DOMAIN, detail(true));
    bridge.emit('cases:changed', { domain: 'lumiere-revendeur.example' });
    await settle();
    expect(reads()).toBe(1);
    unwire();
  });
});
