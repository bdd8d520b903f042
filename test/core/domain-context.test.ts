import { describe, expect, it } from 'vitest';
import { domainEventSink } from '../../main/core/domain/domain-context';
import type { EventChannel } from '../../shared/ipc/contract';

describe('domainEventSink', () => {
  it('names its own domain on every event, whatever the payload claims', () => {
    const sent: Array<[EventChannel, unknown]> = [];
    const emit = domainEventSink('northwind-reseller.example', (channel, payload) => sent.push([channel, payload]));
    emit('cases:changed', {});
    emit('sync:status', { state: 'idle', lastSyncedAt: null });
    // A payload smuggling another domain (not allowed by the types) still goes out as this domain's.
    emit('cases:changed', { domain: 'revendeur-lumiere.example' } as never);
    expect(sent).toEqual([
      ['cases:changed', { domain: 'northwind-reseller.example' }],
      ['sync:status', { state: 'idle', lastSyncedAt: null, domain: 'northwind-reseller.example' }],
      ['cases:changed', { domain: 'northwind-reseller.example' }],
    ]);
  });
});
