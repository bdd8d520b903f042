import type { EventChannel, EventPayload, EventSink } from '../../../shared/ipc/contract';
import type { ApiClients } from '../api/api-client';
import type { Clock, Logger } from '../ports';
import type { DomainConnectivity } from './domain-connectivity';

/** The contract's events about one domain: those whose payload names it. */
export type DomainEventChannel = {
  [C in EventChannel]: EventPayload<C> extends { domain: string } ? C : never;
}[EventChannel];

/** The payload of a domain event without its `domain`, which the context fills in. */
export type DomainEventPayload<C extends DomainEventChannel> = Omit<EventPayload<C>, 'domain'>;

/** Emits a contract event of this domain: a service cannot speak for another domain. */
export type DomainEventSink = <C extends DomainEventChannel>(channel: C, payload: DomainEventPayload<C>) => void;

/**
 * What every per-domain service (the sync loop, the remote keyword search, and the case
 * actions, attachments, drafts… that DomainSession assembles) is given: its domain, that
 * domain's API clients, the clock, the log, and the contract's events bound to the domain.
 * Services emit `cases:changed`, `case:changed`, `sync:status`… through `emit` themselves;
 * nothing relays or renames them on the way to the app's EventSink.
 */
export interface DomainContext {
  readonly domain: string;
  /** This domain's API clients; throws session_expired while it must sign in again. */
  apiClients(): ApiClients;
  readonly clock: Clock;
  readonly log: Logger;
  readonly emit: DomainEventSink;
  /** Whether this domain's backend answers (see DomainConnectivity). */
  readonly connectivity: DomainConnectivity;
}

/** Binds the app's EventSink to one domain. */
export function domainEventSink(domain: string, sink: EventSink): DomainEventSink {
  return (channel, payload) => sink(channel, { ...payload, domain } as EventPayload<typeof channel>);
}
