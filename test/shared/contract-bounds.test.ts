import { describe, expect, it } from 'vitest';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import type { InvokeHandlers } from '../../shared/ipc/contract';
import { isDomainName } from '../../shared/model/domain-name';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../shared/model/case';

/** Handlers that only record what reached them: the core stand-in whose silence the test checks. */
function recordingHandlers() {
  const seen: { channel: string; request: unknown }[] = [];
  const handlers = new Proxy({} as InvokeHandlers, {
    get: (_target, channel) => (request: unknown) => {
      seen.push({ channel: String(channel), request });
      return Promise.resolve({ total: 0, offset: 0, rows: [], unreadTotal: 0, syncedAt: null });
    },
  });
  return { seen, dispatch: createInvokeDispatcher(handlers) };
}

const query = (extra: Record<string, unknown>) => ({
  domain: 'northwind-reseller.example',
  filters: EMPTY_CASE_FILTERS,
  sort: DEFAULT_CASE_SORT,
  offset: 0,
  limit: 50,
  ...extra,
});

describe('the contract bounds what a renderer may send', () => {
  it('refuses a 1 MB customerId in cases:query with the bad_request envelope, before the core', async () => {
    const { seen, dispatch } = recordingHandlers();
    const answer = await dispatch('cases:query', query({ customerId: 'C'.repeat(1024 * 1024) }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request', detail: { field: 'customerId' } } });
    expect(seen).toEqual([]);
  });

  it('passes a customerId of 100 characters and refuses 101 or an empty one (as case:localeFor does)', async () => {
    const { seen, dispatch } = recordingHandlers();
    const at = 'C'.repeat(100);
    expect(await dispatch('cases:query', query({ customerId: at }))).toMatchObject({ ok: true });
    expect(await dispatch('cases:query', query({ customerId: `${at}C` }))).toMatchObject({ ok: false });
    expect(await dispatch('cases:query', query({ customerId: '' }))).toMatchObject({ ok: false });
    expect(await dispatch('case:localeFor', { domain: 'a.example', customerId: `${at}C` })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(seen.map((s) => s.request)).toEqual([query({ customerId: at })]);
  });

  it('refuses filter lists longer than their set of values, in cases:query, cases:markAllRead and filters:set', async () => {
    const { seen, dispatch } = recordingHandlers();
    const states = [...CASE_STATE_VALUES, CASE_STATE_VALUES[0]];
    const priorities = Array.from({ length: 100_000 }, () => PRIORITY_VALUES[0]);
    for (const filters of [
      { ...EMPTY_CASE_FILTERS, states },
      { ...EMPTY_CASE_FILTERS, priorities },
    ]) {
      const domain = 'northwind-reseller.example';
      for (const [channel, payload] of [
        ['cases:query', query({ filters })],
        ['cases:markAllRead', { domain, filters }],
        ['filters:set', { domain, filters }],
      ] as const) {
        expect(await dispatch(channel, payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      }
    }
    expect(seen).toEqual([]);
  });

  it('refuses a new case draft with more answers than any form asks', async () => {
    const { seen, dispatch } = recordingHandlers();
    const answers = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, 'x']));
    const content = {
      kind: 'new_case',
      step: 'customer',
      customerId: null,
      title: '',
      categoryQuery: '',
      classification: null,
      details: '',
      answers,
      priority: null,
      languageCode: 'fr',
      timeZone: 'Europe/Paris',
      localeSource: 'system',
      subscribersText: '',
    };
    const draft = { domain: 'a.example', id: 'draft-0001' };
    expect(await dispatch('draft:save', { ...draft, content })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', detail: { field: 'content.answers' } },
    });
    const fewer = { ...content, answers: Object.fromEntries(Object.entries(answers).slice(0, 100)) };
    expect(await dispatch('draft:save', { ...draft, content: fewer })).toMatchObject({ ok: true });
    expect(seen).toHaveLength(1);
  });

  it('refuses a domain with a label over 63 characters (RFC 1035), through the dispatcher too', async () => {
    const label63 = 'a'.repeat(63);
    expect(isDomainName(`${label63}.example`)).toBe(true);
    expect(isDomainName(`${label63}a.example`)).toBe(false);
    expect(isDomainName(`shop.${label63}b`)).toBe(false);
    // 253 in all still passes; 254 does not, whatever the labels.
    const long = [label63, label63, label63, 'a'.repeat(61)].join('.');
    expect(long).toHaveLength(253);
    expect(isDomainName(long)).toBe(true);
    expect(isDomainName([label63, label63, label63, 'a'.repeat(62)].join('.'))).toBe(false);
    expect(isDomainName('-bad.example')).toBe(false);
    expect(isDomainName('bad-.example')).toBe(false);

    const { seen, dispatch } = recordingHandlers();
    expect(await dispatch('sync:status', { domain: `${label63}a.example` })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', detail: { field: 'domain' } },
    });
    expect(seen).toEqual([]);
  });
});
