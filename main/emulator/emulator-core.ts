import { createHash } from 'node:crypto';
import { filenameProblem, mimeTypeProblem } from './attachment-fields';
import { EmulatorClock } from './clock';
import { FaultInjector, type FaultRule } from './faults';
import { AuthorizationCodes } from './oauth/authorization-codes';
import { TokenStore } from './oauth/token-store';
import { PageTokens } from './page-token';
import { RateLimiter } from './rate-limiter';
import { RequestLog, type RequestLogEntry } from './request-log';
import { buildDemoDataset } from './seed/demo-data';
import { buildScaleDataset } from './seed/scale-data';
import { DEMO_OAUTH_CLIENT_ID } from './seed/demo-accounts';
import { DEFAULT_SETTINGS, validateSettings, type EmulatorSettings } from './settings';
import { SupportAgent, type GoogleSupportAction } from './support-agent';
import type { Dataset } from './store/dataset';
import { EmulatorStore } from './store/emulator-store';
import type { DemoAccount } from './store/model';
import { SCOPES } from '../google-wire/google-types';

export type DatasetChoice =
  'demo' | 'empty' | { scale: { customersPerDomain: number; casesPerDomain: number; resellerDomains?: 2 | 3 } };

export interface CustomerFacts {
  customerId: string;
  domain: string;
  /** The resource name of its Cloud organization, `organizations/{n}`: the parent of its cases. */
  organization: string;
  resellerAccess: boolean;
  premiumSupport: boolean;
  changedReseller: boolean;
}

/** Test control over a running emulator (in-process, and over HTTP under /__control when enabled). */
export interface EmulatorControl {
  clock: { now(): number; advance(ms: number): void; set(iso: string): void };
  faults: { add(f: FaultRule): void; clear(): void };
  reset(dataset?: DatasetChoice): void;
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  requestCounts(): Record<string, number>;
  demoAccounts(): DemoAccount[];
  issueTokens(email: string): { access_token: string; refresh_token: string; expires_in: number };
  revokeUserTokens(email: string): void;
  set(options: Partial<EmulatorSettings>): void;
  /** Google support acts on a case (by its resource name) now: see GoogleSupportAction. */
  actAsGoogle(caseName: string, action: GoogleSupportAction): void;
  /** The customer's super admin grants or withdraws reseller access in its Admin console. */
  setResellerAccess(customerId: string, granted: boolean): void;
  data: {
    customers(domain: string): CustomerFacts[];
    caseCount(domain: string): number;
    /** The attachments a case holds (by its resource name), as stored, with the sha256 of their bytes. */
    attachments(caseName: string): { filename: string; sizeBytes: number; sha256: string }[];
    /**
     * The texts of a domain's cases as stored: description and the comments added so far,
     * oldest first (comments never read are not generated for this). Duplicate counts.
     */
    texts(domain: string): { name: string; description: string; comments: string[] }[];
  };
}

/** Every scope the emulator's APIs accept; tokens issued by control carry all of them. */
export const ALL_SCOPES = [SCOPES.cloudPlatform, SCOPES.resellerReadonly, SCOPES.email, SCOPES.openid];

/** The 2026-03-02T09:00:00Z default start of a manual clock: fixed, so tests see fixed data. */
export const DEFAULT_START_TIME = '2026-03-02T09:00:00.000Z';

/**
 * The largest scale data set a reset builds, per domain: 10x the customers and 4x the cases of the
 * benches' 1,000 x 50,000. A reset to 1e9 customers ran the process out of memory.
 */
export const MAX_SCALE = { customersPerDomain: 10_000, casesPerDomain: 200_000 } as const;

export function buildDataset(choice: DatasetChoice, now: number): Dataset {
  if (choice === 'demo') return buildDemoDataset(now);
  if (choice === 'empty') {
    const demo = buildDemoDataset(now);
    return { ...demo, customers: [], cases: [] };
  }
  const scale = (
    choice as { scale?: { customersPerDomain?: unknown; casesPerDomain?: unknown; resellerDomains?: unknown } } | null
  )?.scale;
  const customersPerDomain = Number(scale?.customersPerDomain);
  const casesPerDomain = Number(scale?.casesPerDomain);
  const resellerDomains = scale?.resellerDomains ?? 2;
  if (
    !Number.isInteger(customersPerDomain) ||
    customersPerDomain < 1 ||
    !Number.isInteger(casesPerDomain) ||
    casesPerDomain < 0 ||
    (resellerDomains !== 2 && resellerDomains !== 3)
  ) {
    throw new TypeError(
      `Unknown dataset ${JSON.stringify(choice)}: use "demo", "empty" or {"scale":{"customersPerDomain":N,"casesPerDomain":M,"resellerDomains"?:2|3}}.`,
    );
  }
  if (customersPerDomain > MAX_SCALE.customersPerDomain || casesPerDomain > MAX_SCALE.casesPerDomain) {
    throw new RangeError(
      `Scale ${customersPerDomain} x ${casesPerDomain} is too large: at most ${MAX_SCALE.customersPerDomain} customers and ${MAX_SCALE.casesPerDomain} cases per domain.`,
    );
  }
  return buildScaleDataset(now, { customersPerDomain, casesPerDomain, resellerDomains });
}

const GOOGLE_STATES = new Set(['IN_PROGRESS_GOOGLE_SUPPORT', 'ACTION_REQUIRED', 'SOLUTION_PROVIDED', 'CLOSED']);
const GOOGLE_PRIORITIES = new Set(['P0', 'P1', 'P2', 'P3', 'P4']);

/** A control request's action, checked (it comes as JSON): a TypeError names what is wrong. */
function checkGoogleAction(raw: unknown): GoogleSupportAction {
  if (raw === null || typeof raw !== 'object') throw new TypeError('An action is an object.');
  const action = raw as Record<string, unknown>;
  if (action.comment !== undefined && typeof action.comment !== 'string') throw new TypeError('comment: a string.');
  if (action.state !== undefined && !GOOGLE_STATES.has(String(action.state))) {
    throw new TypeError(`state: one of ${[...GOOGLE_STATES].join(', ')}.`);
  }
  if (action.priority !== undefined && !GOOGLE_PRIORITIES.has(String(action.priority))) {
    throw new TypeError('priority: P0 to P4.');
  }
  if (action.escalate !== undefined && typeof action.escalate !== 'boolean')
    throw new TypeError('escalate: a boolean.');
  const attachment = action.attachment as Record<string, unknown> | undefined;
  if (
    attachment !== undefined &&
    (attachment === null || typeof attachment.filename !== 'string' || typeof attachment.text !== 'string')
  ) {
    throw new TypeError('attachment: {filename, text, mimeType?}.');
  }
  if (attachment !== undefined) {
    const problem =
      filenameProblem(attachment.filename as string) ??
      (attachment.mimeType === undefined ? undefined : mimeTypeProblem(String(attachment.mimeType)));
    if (problem) throw new TypeError(`attachment: ${problem}`);
  }
  const known = ['comment', 'state', 'priority', 'escalate', 'attachment'];
  const unknown = Object.keys(action).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new TypeError(`Unknown action field(s): ${unknown.join(', ')}.`);
  return action as GoogleSupportAction;
}

/** All state of one emulator instance; the routes read and change it. */
export class EmulatorCore {
  readonly clock: EmulatorClock;
  readonly settings: EmulatorSettings;
  readonly tokens: TokenStore;
  readonly authorizationCodes: AuthorizationCodes;
  readonly pageTokens = new PageTokens();
  readonly rateLimiter: RateLimiter;
  readonly faults = new FaultInjector();
  readonly log = new RequestLog();
  readonly agent: SupportAgent;
  store: EmulatorStore;
  private datasetChoice: DatasetChoice;

  constructor(options: {
    dataset: DatasetChoice;
    manualClock: boolean;
    startTime: number;
    settings: Partial<EmulatorSettings>;
    agent: boolean;
  }) {
    this.clock = new EmulatorClock({ manual: options.manualClock, startTime: options.startTime });
    this.settings = { ...DEFAULT_SETTINGS, ...validateSettings(options.settings) };
    this.tokens = new TokenStore(this.clock, () => this.settings.accessTokenTtlSec);
    this.authorizationCodes = new AuthorizationCodes(this.clock);
    this.rateLimiter = new RateLimiter(this.clock, () => this.settings.rateLimitPerMinute);
    this.datasetChoice = options.dataset;
    this.store = new EmulatorStore(buildDataset(options.dataset, this.clock.now()));
    this.agent = new SupportAgent(this.store, this.clock, options.agent);
    this.clock.onChange(() => this.agent.catchUp());
  }

  /** Back to a freshly seeded data set (tokens stay valid: they are the callers' sessions). */
  reset(dataset: DatasetChoice = this.datasetChoice): void {
    this.datasetChoice = dataset;
    this.store = new EmulatorStore(buildDataset(dataset, this.clock.now()));
    this.agent.load(this.store);
    this.faults.clear();
    this.log.clear();
    this.rateLimiter.reset();
  }

  control(): EmulatorControl {
    return {
      clock: {
        now: () => this.clock.now(),
        advance: (ms) => this.clock.advance(ms),
        set: (iso) => this.clock.set(iso),
      },
      faults: { add: (rule) => this.faults.add(rule), clear: () => this.faults.clear() },
      reset: (dataset) => this.reset(dataset),
      requestLog: () => this.log.list(),
      clearRequestLog: () => this.log.clear(),
      requestCounts: () => this.log.countsByRoute(),
      demoAccounts: () => this.store.allAccounts().map((account) => structuredClone(account)),
      issueTokens: (email) => {
        const account = this.store.account(email);
        if (!account) throw new RangeError(`No demo account ${email}.`);
        const issued = this.tokens.issue(account.email, DEMO_OAUTH_CLIENT_ID, ALL_SCOPES);
        return {
          access_token: issued.access_token,
          refresh_token: issued.refresh_token,
          expires_in: issued.expires_in,
        };
      },
      revokeUserTokens: (email) => this.tokens.revokeUser(email),
      set: (options) => Object.assign(this.settings, validateSettings(options)),
      actAsGoogle: (caseName, action) => {
        const record = this.store.case(caseName.slice(caseName.lastIndexOf('/') + 1));
        if (!record || caseName !== `organizations/${record.orgNumber}/cases/${record.id}`) {
          throw new RangeError(`No case ${caseName}.`);
        }
        this.agent.actAs(record, checkGoogleAction(action), this.clock.now());
      },
      setResellerAccess: (customerId, granted) => {
        const customer = this.store.customer(customerId);
        if (!customer) throw new RangeError(`No customer ${customerId}.`);
        customer.resellerAccess = granted;
      },
      data: {
        customers: (domain) =>
          this.store.customersOf(domain).map((c) => ({
            customerId: c.customerId,
            domain: c.domain,
            organization: `organizations/${c.orgNumber}`,
            resellerAccess: c.resellerAccess,
            premiumSupport: c.premiumSupport,
            changedReseller: c.previousResellerDomain !== undefined,
          })),
        caseCount: (domain) => this.store.visibleCaseCount(domain),
        attachments: (caseName) =>
          (this.store.case(caseName.slice(caseName.lastIndexOf('/') + 1))?.attachments ?? []).map((attachment) => ({
            filename: attachment.filename,
            sizeBytes: attachment.bytes.byteLength,
            sha256: createHash('sha256').update(attachment.bytes).digest('hex'),
          })),
        texts: (domain) =>
          this.store.customersOf(domain).flatMap((customer) =>
            this.store
              .casesOfOrg(customer.orgNumber)
              .filter((record) => record.resellerDomain === domain)
              .map((record) => ({
                name: `organizations/${record.orgNumber}/cases/${record.id}`,
                description: record.description,
                comments: (record.comments ?? []).map((comment) => comment.body),
              })),
          ),
      },
    };
  }
}
