/**
 * Runs tasks one after the other per case, in the order asked; a failed task does not
 * stop the next. Case actions use it so their read-backs land in order, attachments so
 * a case's uploads go one at a time.
 */
export class PerCaseQueue {
  /** The tail of each case's queue, settled whatever its last task did; gone once idle. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(caseName: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(caseName) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.tails.set(caseName, tail);
    void tail.then(() => {
      if (this.tails.get(caseName) === tail) this.tails.delete(caseName);
    });
    return run;
  }
}
