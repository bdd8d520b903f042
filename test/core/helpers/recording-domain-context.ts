import type { ApiClients } from '../../../main/core/api/api-client';
import { DomainConnectivity } from '../../../main/core/domain/domain-connectivity';
import { domainEventSink, type DomainContext } from '../../../main/core/domain/domain-context';
import type { Clock } from '../../../main/core/ports';
import { AppError } from '../../../shared/app-error';
import type { EventChannel, EventPayload } from '../../../shared/ipc/contract';

export interface RecordedEvent {
  channel: EventChannel;
  payload: unknown;
}

/** A DomainContext whose events and warnings a test reads back, as the app's EventSink would get them. */
export function recordingDomainContext(domain: string, clock: Clock, apiClients?: () => ApiClients) {
  const events: RecordedEvent[] = [];
  const byChannel = new Map<EventChannel, unknown[]>();
  const warnings: string[] = [];
  /** The payloads of one channel so far: a live array that grows with each event. */
  const payloads = <C extends EventChannel>(channel: C): EventPayload<C>[] => {
    if (!byChannel.has(channel)) byChannel.set(channel, []);
    return byChannel.get(channel) as EventPayload<C>[];
  };
  const context: DomainContext = {
    domain,
    clock,
    apiClients:
      apiClients ??
      (() => {
        throw new AppError('session_expired', `Sign in to ${domain} again.`, { domain });
      }),
    log: {
      info: () => undefined,
      warn: (message) => warnings.push(message),
      error: (message) => warnings.push(message),
    },
    emit: domainEventSink(domain, (channel, payload) => {
      events.push({ channel, payload });
      payloads(channel).push(payload);
    }),
    connectivity: new DomainConnectivity(),
  };
  return { context, events, warnings, payloads };
}
