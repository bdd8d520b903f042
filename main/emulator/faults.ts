export type FaultKind = 'latency' | '429' | '500' | '503' | 'drop-before-commit' | 'drop-after-commit';

export type FaultRule = {
  /** A route id such as 'cases.create', a prefix such as 'cases.*', or '*' (the default) for every API and OAuth route. */
  route?: string;
  method?: string;
  kind: FaultKind;
  latencyMs?: number;
  /** How many requests it hits; default 1; Infinity for all. */
  times?: number;
};

const KINDS: readonly FaultKind[] = ['latency', '429', '500', '503', 'drop-before-commit', 'drop-after-commit'];

/** What the injector decided for one request: total added latency and at most one failure. */
export interface FaultDecision {
  latencyMs: number;
  failure?: Exclude<FaultKind, 'latency'>;
}

/** Test-injected faults, consumed in the order they were added. */
export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    if (!KINDS.includes(rule.kind))
      throw new TypeError(`Unknown fault kind "${String(rule.kind)}"; use one of ${KINDS.join(', ')}.`);
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new TypeError('Fault "times" must be a positive number (or Infinity).');
    if (rule.kind === 'latency' && !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)) {
      throw new TypeError('A latency fault needs latencyMs >= 0.');
    }
    this.rules.push({ rule: { ...rule }, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  decide(route: string, method: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const entry of this.rules) {
      if (!matches(entry.rule, route, method)) continue;
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
