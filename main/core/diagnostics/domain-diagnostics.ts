import type { SyncStatus } from '../../../shared/model/account';
import type { Diagnostics } from '../../../shared/model/diagnostics';
import type { ApiEndpoints } from '../../google-wire/google-types';
import type { Clock } from '../ports';
import type { CompletedPass } from '../sync/sync-loop';
import { notTriedProbes, runProbes, type ProbeClients } from './diagnostics-probe';
import type { RequestLog } from './request-log';

/** The model's bound; Partner Desk asks for four (SIGN_IN_SCOPES). */
const MAX_SCOPES = 20;

/** What Diagnostics reads of one domain, and nothing more (DomainSession provides it). */
export interface DiagnosticsSource {
  readonly domain: string;
  email(): string;
  signedIn(): boolean;
  /** False while the domain is offline: the probes are not tried. */
  online(): boolean;
  /** The scopes the token endpoint last said the grant holds. */
  scopes(): readonly string[];
  syncStatus(): SyncStatus;
  lastPass(): CompletedPass | null;
  /**
   * A customer the sync found reachable (reseller access granted), to probe on: one
   * customer that never granted access must not make a working domain look broken (the
   * customers pane already flags it). Undefined before any: the first subscription's.
   */
  reachableCustomerId(): string | undefined;
  /** Clients that try once, with a short timeout (PROBE_RETRY_POLICY, PROBE_TIMEOUT_MS). */
  probeClients(): ProbeClients;
  /** The domain's request log, fed by its fetch (recordingFetch). */
  readonly requests: RequestLog;
}

/** The app's side of the page: which backend, and the base URL of each API. */
export interface DiagnosticsEnvironment {
  backend: Diagnostics['backend'];
  endpoints: ApiEndpoints;
}

/**
 * One domain's Diagnostics: its identity and grant, each capability probed now, its last
 * sync, and its traffic (the request log read after the probes, so their calls count).
 * Runs asked for while one is under way share it: one set of probes at a time.
 */
export class DomainDiagnostics {
  private running: Promise<Diagnostics> | undefined;

  constructor(
    private readonly source: DiagnosticsSource,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  run(environment: DiagnosticsEnvironment): Promise<Diagnostics> {
    this.running ??= this.collect(environment).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async collect(environment: DiagnosticsEnvironment): Promise<Diagnostics> {
    const { source } = this;
    const probes = !source.signedIn()
      ? notTriedProbes('signed_out')
      : !source.online()
        ? notTriedProbes('offline')
        : await runProbes(source.probeClients(), this.clock, source.reachableCustomerId());
    const status = source.syncStatus();
    return {
      domain: source.domain,
      email: source.email(),
      backend: environment.backend,
      endpoints: { ...environment.endpoints },
      scopes: source.scopes().slice(0, MAX_SCOPES),
      probes,
      sync: {
        lastSyncedAt: status.lastSyncedAt,
        lastDurationMs: source.lastPass()?.durationMs ?? null,
        state: status.state,
      },
      requestsLastHour: source.requests.requestsLastHour(),
      recentErrors: source.requests.recentErrors(),
      ranAt: new Date(this.clock.now()).toISOString(),
    };
  }
}
