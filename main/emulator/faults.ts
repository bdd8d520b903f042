import { Prng } from './seed/prng';

export type FaultKind = 'latency' | '429' | '500' | '503' | 'drop-before-commit' | 'drop-after-commit';

export type FaultRule = {
  /** A route id such as 'cases.create', a prefix such as 'cases.*', or '*' (the default) for every API and OAuth route. */
  route?: string;
  method?: string;
  kind: FaultKind;
  latencyMs?: number;
  /** How many requests it hits; default 1 (Infinity when `probability` is given); Infinity for all. */
  times?: number;
  /**
   * The share of matching requests it hits, in (0, 1]: each matching request is hit with
   * this chance, drawn from a PRNG seeded by `seed`, so a run can be replayed. Default 1.
   */
  probability?: number;
  /** Seed of the rule's PRNG (an integer); default 1. */
  seed?: number;
};

const KINDS: readonly FaultKind[] = ['latency', '429', '500', '503', 'drop-before-commit', 'drop-after-commit'];

/** What the injector decided for one request: total added latency and at most one failure. */
export interface FaultDecision {
  latencyMs: number;
  failure?: Exclude<FaultKind, 'latency'>;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
  /** Present when the rule hits a share of the requests. */
  random?: Prng;
}

/** Test-injected faults, consumed in the order they were added. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    if (!KINDS.includes(rule.kind))
      throw new TypeError(`Unknown fault kind "${String(rule.kind)}"; use one of ${KINDS.join(', ')}.`);
    const probability = rule.probability;
    if (probability !== undefined && !(typeof probability === 'number' && probability > 0 && probability <= 1)) {
      throw new TypeError('Fault "probability" must be a number in (0, 1].');
    }
    if (rule.seed !== undefined && !Number.isInteger(rule.seed))
      throw new TypeError('Fault "seed" must be an integer.');
    const times = rule.times ?? (probability === undefined ? 1 : Infinity);
    if (!(times > 0)) throw new TypeError('Fault "times" must be a positive number (or Infinity).');
    if (rule.kind === 'latency' && !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)) {
      throw new TypeError('A latency fault needs latencyMs >= 0.');
    }
    this.rules.push({
      rule: { ...rule },
      remaining: times,
      random: probability === undefined ? undefined : new Prng(rule.seed ?? 1),
    });
  }

  clear(): void {
    this.rules = [];
  }

  decide(route: string, method: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const entry of this.rules) {
      if (!matches(entry.rule, route, method)) continue;
      // Drawn for every matching request, hit or not, so a seed replays the same sequence.
      if (entry.random && !entry.random.chance(entry.rule.probability ?? 1)) continue;
      if (entry.rule.kind === 'latency') {
        decision.latencyMs += entry.rule.latencyMs ?? 0;
      } else if (decision.failure === undefined) {
        decision.failure = entry.rule.kind;
      } else {
        continue;
      }
      entry.remaining--;
    }
    this.rules = this.rules.filter((entry) => entry.remaining > 0);
    return decision;
  }
}

function matches(rule: FaultRule, route: string, method: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  const pattern = rule.route ?? '*';
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return route.startsWith(pattern.slice(0, -1));
  return pattern === route;
}
