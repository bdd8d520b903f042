import type { Prng } from '../../main/emulator/seed/prng';
import { invokeChannels, type InvokeChannel, type InvokeRequest } from '../../shared/ipc/contract';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../shared/model/case';
import { ESCALATION_REASON_VALUES } from '../../shared/model/case-actions';
import { CHANGE_KINDS } from '../../shared/model/case-change';
import { CASE_SORT_KEYS, type CaseFilters } from '../../shared/model/case-query';
import { NEW_CASE_STEPS } from '../../shared/new-case/new-case-steps';

/**
 * The IPC fuzz's message generator: schema-valid requests for every invoke channel that
 * name the other domain's cases, customers, drafts and users, and malformed variants of
 * them (wrong types, 1 MB strings, 10,000-level nesting, `__proto__` keys, NaN, typed
 * arrays…), unknown channels and forged senders. Seeded: the same seed replays the run.
 */

/** What the fuzz knows of one signed-in domain; drafts, outbox items and staged files grow from the core's answers. */
export interface DomainFacts {
  domain: string;
  users: string[];
  organizations: string[];
  customerIds: string[];
  caseNames: string[];
  attachmentNames: string[];
  draftIds: string[];
  outboxIds: string[];
}

export interface FuzzWorld {
  domains: readonly [DomainFacts, DomainFacts];
  /** Well-formed domain names that are not signed in. */
  strangers: string[];
  stagedFileIds: string[];
  classifications: { id: string; displayName: string }[];
  /** A regular file, a folder and a device a drop may name. */
  dropPaths: string[];
}

/** Who sent the message: the app window's main frame, or a forged sender the bridge must refuse. */
export const SENDER_KINDS = [
  'app',
  'another window',
  'subframe',
  'devtools',
  'foreign page',
  'file page',
  'lookalike host',
  'gone frame',
] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

export type FuzzMessage =
  | { via: 'invoke'; sender: SenderKind; channel: unknown; payload: unknown; recipe: string }
  /** A file dropped on the window: the preload asks webUtils for its path and sends files:dropped. */
  | { via: 'drop'; sender: SenderKind; file: unknown; recipe: string };

/** Over 1 MB, built once: a copy per message would cost more than the fuzz itself. */
export const MEGA_STRING = 'x'.repeat(1_100_000);
export const DEEP_LEVELS = 10_000;

export function deeplyNested(levels: number, asArray: boolean): unknown {
  let value: unknown = asArray ? [1] : { leaf: 1 };
  for (let level = 1; level < levels; level++) value = asArray ? [value] : { a: value };
  return value;
}

function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  setOwn(target, key, value);
  return target;
}

function sparseArray(): unknown[] {
  const array: unknown[] = [];
  array[3] = 'P1';
  array[1_000] = 'OPEN';
  return array;
}

/** Values of every wrong type and edge, for whole payloads and single fields. */
const HOSTILE_VALUES: ReadonlyArray<() => unknown> = [
  () => null,
  () => undefined,
  () => true,
  () => 0,
  () => -0,
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => 1e308,
  () => -1,
  () => 0.5,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => 2n ** 70n,
  () => '',
  () => ' ',
  () => MEGA_STRING,
  () => '\u0000',
  () => '\ud800',
  () => 'a\u202eb',
  () => '../../../../etc/passwd',
  () => 'organizations/1/cases/1/../../../2',
  () => '%00%2e%2e',
  () => [],
  () => [null],
  () => sparseArray(),
  () => new Array(5),
  () => ({}),
  () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  () => withOwnKey({}, 'prototype', { polluted: true }),
  () => Buffer.from('organizations/1/cases/1'),
  () => new Uint8Array([0, 255, 10]),
  () => new Float64Array([NaN, Infinity, -0]),
  () => new ArrayBuffer(16),
  () => new Date(NaN),
  () => new Map([['domain', 'a.example']]),
  () => new Set(['P1']),
  () => /case/g,
  () => deeplyNested(DEEP_LEVELS, false),
  () => deeplyNested(DEEP_LEVELS, true),
];

/** Channel names the contract does not have, or near-misses of ones it has. */
const UNKNOWN_CHANNELS: ReadonlyArray<() => unknown> = [
  () => '',
  () => ' ',
  () => 'case:get ',
  () => 'CASE:GET',
  () => 'case:Get',
  () => '__proto__',
  () => 'constructor',
  () => 'prototype',
  () => 'toString',
  () => 'hasOwnProperty',
  () => 'valueOf',
  () => 'partner-desk:invoke',
  () => 'app:info\u0000',
  () => 'shell:openExternal',
  () => 'account:delete',
  () => MEGA_STRING,
  () => 'cases:querycases:query',
  () => 42,
  () => -0,
  () => NaN,
  () => null,
  () => undefined,
  () => true,
  () => ({}),
  () => JSON.parse('{"__proto__":"case:get"}'),
  () => [],
  () => ['case:get'],
  () => Buffer.from('case:get'),
  () => new Date(0),
  () => deeplyNested(DEEP_LEVELS, true),
  () => deeplyNested(DEEP_LEVELS, false),
];

const FORGED_SENDERS = SENDER_KINDS.filter((kind) => kind !== 'app');
const EMPTY_FILTERS: CaseFilters = { keyword: '', states: [], priorities: [] };
/** Channels whose valid requests are slow or change a lot (a sign-in round trip, a sync pass, a filed case). */
const SLOW_CHANNELS = new Set<InvokeChannel>([
  'account:signIn',
  'sync:now',
  'case:create',
  'outbox:submit',
  'attachment:upload',
]);

export interface FuzzMix {
  forgedSender: number;
  unknownChannel: number;
  preloadOnly: number;
  drop: number;
  /** Schema-valid but hostile: the rest are malformed variants of valid requests. */
  valid: number;
}

/** Shares of the messages; most reach schema validation, a good share passes it and exercises the core. */
export const DEFAULT_MIX: FuzzMix = {
  forgedSender: 0.1,
  unknownChannel: 0.05,
  preloadOnly: 0.02,
  drop: 0.03,
  valid: 0.45,
};

export class IpcFuzzer {
  private readonly channels = Object.keys(invokeChannels) as InvokeChannel[];

  constructor(
    private readonly rng: Prng,
    private readonly world: FuzzWorld,
    private readonly mix: FuzzMix = DEFAULT_MIX,
  ) {}

  next(): FuzzMessage {
    const rng = this.rng;
    const sender: SenderKind = rng.chance(this.mix.forgedSender) ? rng.pick(FORGED_SENDERS) : 'app';
    let roll = rng.next();
    if ((roll -= this.mix.unknownChannel) < 0) {
      return { via: 'invoke', sender, channel: rng.pick(UNKNOWN_CHANNELS)(), payload: {}, recipe: 'unknown channel' };
    }
    if ((roll -= this.mix.preloadOnly) < 0) {
      return {
        via: 'invoke',
        sender,
        channel: 'files:dropped',
        payload: { path: this.dropPath() },
        recipe: 'preload-only',
      };
    }
    if ((roll -= this.mix.drop) < 0) return { via: 'drop', sender, file: this.droppedFile(), recipe: 'drop' };
    const channel = this.channel();
    const base = this.validRequest(channel);
    if ((roll -= this.mix.valid) < 0) return { via: 'invoke', sender, channel, payload: base, recipe: 'valid' };
    const steps = rng.chance(0.25) ? 2 : 1;
    let payload: unknown = base;
    const recipe: string[] = [];
    for (let step = 0; step < steps; step++) {
      const [mutated, label] = this.mutate(payload);
      payload = mutated;
      recipe.push(label);
    }
    return { via: 'invoke', sender, channel, payload, recipe: recipe.join(' + ') };
  }

  private channel(): InvokeChannel {
    for (;;) {
      const channel = this.rng.pick(this.channels);
      // Slow channels a third as often, so 10,000 messages stay within the test's minute.
      if (!SLOW_CHANNELS.has(channel) || this.rng.chance(0.33)) return channel;
    }
  }

  // ---- schema-valid requests naming the other domain's things ----

  private validRequest(channel: InvokeChannel): unknown {
    const rng = this.rng;
    const [first, second] = this.world.domains;
    const roll = rng.next();
    // Mostly a signed-in domain; sometimes a well-formed one that is not.
    const own = roll < 0.45 ? first : roll < 0.9 ? second : this.stranger();
    const foe = own === first ? second : first;
    return (this.builders as Record<InvokeChannel, (own: DomainFacts, foe: DomainFacts) => unknown>)[channel](own, foe);
  }

  private stranger(): DomainFacts {
    return {
      domain: this.rng.pick(this.world.strangers),
      users: [],
      organizations: [],
      customerIds: [],
      caseNames: [],
      attachmentNames: [],
      draftIds: [],
      outboxIds: [],
    };
  }

  /** Half the time the other domain's, a third our own, else made up. */
  private ref(own: string[], foe: string[], invent: () => string): string {
    const rng = this.rng;
    const roll = rng.next();
    if (roll < 0.5 && foe.length > 0) return rng.pick(foe);
    if (roll < 0.85 && own.length > 0) return rng.pick(own);
    return invent();
  }

  private caseName(own: DomainFacts, foe: DomainFacts): string {
    return this.ref(own.caseNames, foe.caseNames, () =>
      this.rng.pick([
        `organizations/${this.rng.int(1, 99_999)}/cases/${this.rng.int(1, 99_999)}`,
        `${this.rng.pick([...own.organizations, ...foe.organizations, 'organizations/0'])}/cases/0`,
        'projects/p/cases/c',
        `organizations/1/cases/${'9'.repeat(150)}`,
      ]),
    );
  }

  private customerId(own: DomainFacts, foe: DomainFacts): string {
    return this.ref(own.customerIds, foe.customerIds, () => this.rng.pick(['C000', 'C0xyz', 'x'.repeat(100), '*']));
  }

  private draftId(own: DomainFacts, foe: DomainFacts): string {
    return this.ref(own.draftIds, foe.draftIds, () => `fuzz${this.rng.int(0, 1e9).toString(36).padStart(8, '0')}`);
  }

  private outboxId(own: DomainFacts, foe: DomainFacts): string {
    return this.ref(own.outboxIds, foe.outboxIds, () => this.rng.pick(['', 'x', '0'.repeat(64), 'ob-1']));
  }

  private attachmentName(own: DomainFacts, foe: DomainFacts): string {
    return this.ref(own.attachmentNames, foe.attachmentNames, () => `${this.caseName(own, foe)}/attachments/1`);
  }

  private email(own: DomainFacts, foe: DomainFacts): string {
    return this.ref(own.users, foe.users, () => `fuzz${this.rng.int(0, 999)}@example.com`);
  }

  private fileId(): string {
    return this.ref(this.world.stagedFileIds, [], () => this.rng.pick(['f', 'x'.repeat(100), 'not-staged']));
  }

  private transferId(): string {
    return `t${this.rng.int(0, 1e9)}`;
  }

  private text(): string {
    return this.rng.pick([
      'Fuzz: mail is not delivered',
      'Déjà vu «\u00a0test\u00a0»',
      '\u{1f600} emoji',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      'state=OPEN OR (priority=P0)',
      'a\u0000b',
      '\u202e',
      'z'.repeat(this.rng.int(1, 500)),
    ]);
  }

  private classification(): { id: string; displayName: string } {
    return this.rng.chance(0.8)
      ? this.rng.pick(this.world.classifications)
      : { id: this.rng.pick(['x', '0', 'organizations/1']), displayName: '' };
  }

  private filters(): CaseFilters {
    const rng = this.rng;
    if (rng.chance(0.5)) return EMPTY_FILTERS;
    return {
      keyword: rng.chance(0.5) ? '' : this.text().slice(0, 500),
      states: rng.chance(0.5) ? [] : [rng.pick(CASE_STATE_VALUES)],
      priorities: rng.chance(0.5) ? [] : [rng.pick(PRIORITY_VALUES)],
    };
  }

  private newCase(own: DomainFacts, foe: DomainFacts): InvokeRequest<'case:create'>['case'] {
    const rng = this.rng;
    return {
      customerId: this.customerId(own, foe),
      title: this.text().slice(0, 500),
      classification: this.classification(),
      description: this.text(),
      priority: rng.pick(PRIORITY_VALUES),
      languageCode: rng.pick(['en', 'fr', 'xx-INVALID', 'zz']),
      timeZone: rng.pick(['Europe/Paris', 'Mars/Olympus', 'UTC']),
      subscriberEmailAddresses: rng.chance(0.5) ? [] : [this.email(own, foe)],
      attachments: rng.chance(0.8) ? [] : [{ fileId: this.fileId(), transferId: this.transferId() }],
    };
  }

  private draftContent(own: DomainFacts, foe: DomainFacts): InvokeRequest<'draft:save'>['content'] {
    const rng = this.rng;
    switch (rng.int(0, 3)) {
      case 0:
        return { kind: 'comment', caseName: this.caseName(own, foe), body: this.text() };
      case 1:
        return { kind: 'priority', caseName: this.caseName(own, foe), priority: rng.pick(PRIORITY_VALUES) };
      case 2:
        return { kind: 'share', caseName: this.caseName(own, foe), subscribersText: this.email(own, foe) };
      default:
        return {
          kind: 'new_case',
          step: rng.pick(NEW_CASE_STEPS),
          customerId: rng.chance(0.2) ? null : this.customerId(own, foe),
          title: this.text(),
          categoryQuery: '',
          classification: rng.chance(0.5) ? null : this.classification(),
          details: this.text(),
          answers: JSON.parse('{"__proto__":"x","constructor":"y","q1":"a"}') as Record<string, string>,
          priority: rng.chance(0.3) ? null : rng.pick(PRIORITY_VALUES),
          languageCode: 'fr',
          timeZone: 'Europe/Paris',
          localeSource: rng.pick(['system', 'customer', 'user'] as const),
          subscribersText: '',
        };
    }
  }

  private submission(own: DomainFacts, foe: DomainFacts): InvokeRequest<'outbox:submit'>['submission'] {
    const rng = this.rng;
    switch (rng.int(0, 3)) {
      case 0:
        return { kind: 'new_case', newCase: this.newCase(own, foe) };
      case 1:
        return { kind: 'comment', caseName: this.caseName(own, foe), body: this.text() };
      case 2:
        return { kind: 'priority', caseName: this.caseName(own, foe), priority: rng.pick(PRIORITY_VALUES) };
      default:
        return { kind: 'share', caseName: this.caseName(own, foe), subscriberEmailAddresses: [this.email(own, foe)] };
    }
  }

  /** One schema-valid request per channel; the mapped type makes a new channel fail to compile until it has one. */
  private readonly builders: { [C in InvokeChannel]: (own: DomainFacts, foe: DomainFacts) => InvokeRequest<C> } = {
    'app:info': () => ({}),
    'settings:get': () => ({}),
    'settings:set': (own, foe) =>
      this.rng.chance(0.5)
        ? { language: this.rng.pick(['system', 'en', 'fr'] as const), theme: this.rng.pick(['light', 'dark'] as const) }
        : {
            notifications: {
              enabled: this.rng.chance(0.5),
              kinds: [this.rng.pick(CHANGE_KINDS)],
              onlyMine: false,
              quietHours: { enabled: this.rng.chance(0.5), start: '23:59', end: '00:00' },
              mutedDomains: [foe.domain],
              mutedCustomers: [{ domain: own.domain, customerId: this.customerId(own, foe) }],
            },
          },
    'backend:get': () => ({}),
    // No secret for a client never saved: refused before anything is saved. With a secret the
    // core would sign both domains out and restart onto Google, ending the fuzz's sessions.
    'backend:setOAuthClient': () => ({
      clientId: `${this.rng.int(1000, 999_999_999)}-${this.rng.pick(['abcdefgh', 'fuzz0000client', 'q1w2e3r4t5'])}.apps.googleusercontent.com`,
    }),
    // On the demo backend this only clears a saved client: no restart, no sign-out.
    'backend:useDemo': () => ({}),
    'accounts:list': () => ({}),
    'account:signIn': (own, foe) => ({ domain: own.domain, loginHint: this.email(own, foe) }),
    'account:cancelSignIn': () => ({}),
    // Never a signed-in domain: signing one out would end the fuzz's two sessions.
    'account:signOut': () => ({ domain: this.rng.pick(this.world.strangers) }),
    'accounts:reorder': (own, foe) => ({
      domains: this.rng.pick([[foe.domain, own.domain], [own.domain], [], [own.domain, own.domain]]),
    }),
    'customers:list': (own, foe) => ({
      domain: own.domain,
      search: this.rng.chance(0.5) ? undefined : this.customerId(own, foe).slice(0, 200),
    }),
    'cases:query': (own, foe) => ({
      domain: own.domain,
      customerId: this.rng.chance(0.4) ? undefined : this.customerId(own, foe),
      filters: this.filters(),
      sort: { key: this.rng.pick(CASE_SORT_KEYS), direction: this.rng.pick(['asc', 'desc'] as const) },
      offset: this.rng.pick([0, 0, 5, 999_999]),
      limit: this.rng.pick([1, 50, 1000]),
    }),
    'case:get': (own, foe) => ({ domain: own.domain, name: this.caseName(own, foe) }),
    'cases:markAllRead': (own, foe) => ({
      domain: own.domain,
      customerId: this.rng.chance(0.3) ? undefined : this.customerId(own, foe),
      filters: this.filters(),
    }),
    'queue:query': () => ({}),
    'filters:get': (own) => ({ domain: own.domain }),
    'filters:set': (own) => ({ domain: own.domain, filters: this.filters() }),
    'diagnostics:run': (own) => ({ domain: own.domain }),
    'sync:now': (own) => ({ domain: own.domain }),
    'sync:status': (own) => ({ domain: own.domain }),
    'classifications:search': (own) => ({ domain: own.domain, query: this.text().slice(0, 200) }),
    'case:localeFor': (own, foe) => ({ domain: own.domain, customerId: this.customerId(own, foe) }),
    'case:create': (own, foe) => ({ domain: own.domain, case: this.newCase(own, foe) }),
    'case:setPriority': (own, foe) => ({
      domain: own.domain,
      name: this.caseName(own, foe),
      priority: this.rng.pick(PRIORITY_VALUES),
    }),
    'case:close': (own, foe) => ({ domain: own.domain, name: this.caseName(own, foe) }),
    'case:escalate': (own, foe) => ({
      domain: own.domain,
      name: this.caseName(own, foe),
      reason: this.rng.pick(ESCALATION_REASON_VALUES),
      justification: this.text(),
    }),
    'case:comment': (own, foe) => ({ domain: own.domain, name: this.caseName(own, foe), body: this.text() }),
    'case:setSubscribers': (own, foe) => ({
      domain: own.domain,
      name: this.caseName(own, foe),
      emails: [this.email(own, foe)],
    }),
    'files:pick': () => ({}),
    'files:dropped': () => ({ path: this.dropPath() }),
    'files:release': () => ({ fileId: this.fileId() }),
    'attachment:upload': (own, foe) => ({
      domain: own.domain,
      name: this.caseName(own, foe),
      fileId: this.fileId(),
      transferId: this.transferId(),
    }),
    'attachment:download': (own, foe) => ({
      domain: own.domain,
      attachment: this.attachmentName(own, foe),
      transferId: this.transferId(),
    }),
    'transfer:cancel': () => ({ transferId: this.transferId() }),
    'notices:list': () => ({}),
    'notice:dismiss': () => ({ id: this.rng.pick(['', 'n1', '__proto__']) }),
    'drafts:list': (own) => ({ domain: own.domain }),
    'draft:save': (own, foe) => ({
      domain: own.domain,
      id: this.draftId(own, foe),
      content: this.draftContent(own, foe),
    }),
    'draft:discard': (own, foe) => ({ domain: own.domain, id: this.draftId(own, foe) }),
    'draft:restore': (own, foe) => ({ domain: own.domain, id: this.draftId(own, foe) }),
    'draft:duplicate': (own, foe) => ({ domain: own.domain, id: this.draftId(own, foe) }),
    'draft:attach': (own, foe) => ({ domain: own.domain, id: this.draftId(own, foe), fileId: this.fileId() }),
    'draft:detach': (own, foe) => ({ domain: own.domain, id: this.draftId(own, foe), fileId: this.fileId() }),
    'outbox:list': (own) => ({ domain: own.domain }),
    'outbox:submit': (own, foe) => ({
      domain: own.domain,
      draftId: this.rng.chance(0.5) ? null : this.draftId(own, foe),
      submission: this.submission(own, foe),
    }),
    'outbox:retry': (own, foe) => ({ domain: own.domain, id: this.outboxId(own, foe) }),
    'outbox:edit': (own, foe) => ({ domain: own.domain, id: this.outboxId(own, foe) }),
    'outbox:discard': (own, foe) => ({ domain: own.domain, id: this.outboxId(own, foe) }),
    'log:write': () => ({ level: this.rng.pick(['warn', 'error'] as const), message: this.text() }),
  };

  // ---- malformed variants ----

  private hostile(): unknown {
    return this.rng.pick(HOSTILE_VALUES)();
  }

  /** One change that (usually) breaks the schema: the oracle decides from what main received. */
  private mutate(payload: unknown): [unknown, string] {
    const rng = this.rng;
    const paths = objectPaths(payload);
    const target = paths.length > 0 ? rng.pick(paths) : null;
    switch (rng.int(0, 9)) {
      case 0:
        return [this.hostile(), 'whole payload replaced'];
      case 1:
      case 2:
        if (!target) return [this.hostile(), 'whole payload replaced'];
        return [replaceAt(payload, target, this.hostile()), `field ${target.join('.')} replaced`];
      case 3:
        if (!target) return [[payload], 'wrapped in an array'];
        return [removeAt(payload, target), `field ${target.join('.')} removed`];
      case 4: {
        const key = rng.pick(['__proto__', 'constructor', 'prototype', 'domain ', 'DOMAIN', 'then', 'toJSON']);
        return [
          addKey(payload, paths.length > 0 && rng.chance(0.5) ? rng.pick(paths) : [], key, this.hostile()),
          `extra key ${key}`,
        ];
      }
      case 5:
        if (!target) return [MEGA_STRING, 'whole payload a 1 MB string'];
        return [replaceAt(payload, target, MEGA_STRING), `field ${target.join('.')} a 1 MB string`];
      case 6:
        if (!target) return [deeplyNested(DEEP_LEVELS, false), 'whole payload 10,000 levels deep'];
        return [
          replaceAt(payload, target, deeplyNested(DEEP_LEVELS, rng.chance(0.5))),
          `field ${target.join('.')} 10,000 levels deep`,
        ];
      case 7: {
        if (!target) return [rng.pick([NaN, -0, Infinity]), 'whole payload a number edge'];
        const edge = rng.pick([NaN, Infinity, -Infinity, -0, -1, 0.5, 1e308, 2 ** 53]);
        return [replaceAt(payload, target, edge), `field ${target.join('.')} = ${Object.is(edge, -0) ? '-0' : edge}`];
      }
      case 8:
        return [
          rng.pick([[payload], { request: payload }, sparseArray(), Buffer.from('{"domain":"a.example"}')]),
          'wrapped',
        ];
      default: {
        if (!target) return [new Uint8Array(8), 'whole payload a typed array'];
        const typed = rng.pick<unknown>([
          Buffer.from('P1'),
          new Uint16Array(4),
          new BigInt64Array(1),
          new DataView(new ArrayBuffer(2)),
        ]);
        return [replaceAt(payload, target, typed), `field ${target.join('.')} a typed array`];
      }
    }
  }

  // ---- drops and preload-only sends ----

  private dropPath(): string {
    return this.rng.pick([
      ...this.world.dropPaths,
      '/nonexistent/partner-desk-fuzz.txt',
      'relative/file.txt',
      '../../../../etc/shadow',
      '/tmp/a\u0000b',
      `/${'d'.repeat(4000)}`,
      '\\\\server\\share\\file.txt',
    ]);
  }

  /** What a drop hands the preload: a File on disk (path), one that is not (''), or not a File at all. */
  private droppedFile(): unknown {
    const rng = this.rng;
    return rng.pick<() => unknown>([
      () => ({ name: 'a.txt', path: this.dropPath() }),
      () => ({ name: 'a.txt', path: this.dropPath() }),
      () => ({ name: 'made-by-script.txt', path: '' }),
      () => ({ name: 'huge.txt', path: `/${MEGA_STRING}` }),
      () => null,
      () => 'a.txt',
      () => ({ path: 42 }),
    ])();
  }
}

type Path = (string | number)[];

/** Every key path into the plain objects and arrays of a payload (not into strings or typed arrays). */
function objectPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 200 || prefix.length > 8) return out;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push([...prefix, index]);
      objectPaths(item, [...prefix, index], out);
    });
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      out.push([...prefix, key]);
      objectPaths(value[key], [...prefix, key], out);
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A shallow copy that keeps own `__proto__` keys as keys and holes as holes. */
function shallowCopy(value: unknown): Record<string | number, unknown> {
  if (Array.isArray(value)) return value.slice() as unknown as Record<number, unknown>;
  return { ...(value as Record<string, unknown>) };
}

/**
 * A copy of `root` with the value at `path` changed by `change`: only the containers on
 * the path are copied, so a 10,000-level value elsewhere costs nothing.
 */
function editAt(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = shallowCopy(root);
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    const child = shallowCopy(parent[key]);
    setOwn(parent, key, child);
    parent = child;
  }
  change(parent, path[path.length - 1]!);
  return copy;
}

function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  // defineProperty: `target.__proto__ = …` would set the prototype instead of an own key, as JSON.parse makes it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  return editAt(root, path, (parent, key) => setOwn(parent, key, value));
}

function removeAt(root: unknown, path: Path): unknown {
  return editAt(root, path, (parent, key) => {
    delete parent[key];
  });
}

/** Adds an own key to the object at `path` (or to the payload itself when that is no plain object). */
function addKey(root: unknown, path: Path, key: string, value: unknown): unknown {
  if (!isPlainObject(root)) return root;
  let at: Path = path;
  let node: unknown = root;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  if (!isPlainObject(node)) at = [];
  if (at.length === 0) {
    const copy = shallowCopy(root);
    setOwn(copy, key, value);
    return copy;
  }
  return editAt(root, at, (parent, last) => {
    const child = shallowCopy(parent[last]);
    setOwn(child, key, value);
    setOwn(parent, last, child);
  });
}
