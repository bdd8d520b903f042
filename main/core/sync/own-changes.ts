import type { Clock } from '../ports';

/**
 * How long the update times this app produced are remembered. A sync page read before an
 * action's answer was recorded may write the older copy back; the next pass re-lists the
 * case (its search reaches INDEXING_MARGIN_MS back) and must still know the newer copy
 * was the user's. Twice that margin.
 */
export const OWN_CHANGE_MEMORY_MS = 30 * 60_000;

/**
 * The changes the user made from this app, per case, so the sync never reports them as
 * Google's: actions in flight (the server may have applied one before its answer is
 * recorded: a sync listing the case meanwhile sees the user's change) and the update
 * times the recorded answers carried, for OWN_CHANGE_MEMORY_MS. A field change Google
 * makes on the same case while the user's action is in flight is taken as the user's:
 * the price of never announcing the user's own change.
 */
export class OwnChanges {
  private readonly inFlight = new Map<string, number>();
  private readonly produced = new Map<string, { updateTimes: Set<string>; until: number }>();

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** An action on the case starts; call the returned function once it is over (answer recorded or failed). */
  begin(name: string): () => void {
    this.inFlight.set(name, (this.inFlight.get(name) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.inFlight.get(name) ?? 1) - 1;
      if (left > 0) this.inFlight.set(name, left);
      else this.inFlight.delete(name);
    };
  }

  /** An action's answer: the case as this app's change left it. */
  record(name: string, updateTime: string): void {
    this.forgetExpired();
    const entry = this.produced.get(name) ?? { updateTimes: new Set<string>(), until: 0 };
    entry.updateTimes.add(updateTime);
    entry.until = this.clock.now() + OWN_CHANGE_MEMORY_MS;
    this.produced.set(name, entry);
  }

  /** The case's copy at `updateTime` may carry the user's own change. */
  isOwn(name: string, updateTime: string): boolean {
    if (this.inFlight.has(name)) return true;
    const entry = this.produced.get(name);
    return entry !== undefined && entry.until > this.clock.now() && entry.updateTimes.has(updateTime);
  }

  private forgetExpired(): void {
    const now = this.clock.now();
    for (const [name, entry] of this.produced) if (entry.until <= now) this.produced.delete(name);
  }
}
