import { join } from 'node:path';
import type { FileDialogs } from '../../../main/core/ports';

/**
 * The native open and save dialogs, answered by the test: each dialog takes the next
 * queued answer; with none queued it behaves as if the user cancelled.
 */
export class ScriptedFileDialogs implements FileDialogs {
  /** The name each save dialog proposed, in order. */
  readonly suggestedNames: string[] = [];
  private readonly picks: string[][] = [];
  private readonly saves: ((suggestedName: string) => string | null)[] = [];

  /** The next open dialog returns these paths ([]: the user cancelled). */
  willPick(paths: string[]): this {
    this.picks.push(paths);
    return this;
  }

  /** The next save dialog returns this path (null: the user cancelled). */
  willSaveTo(path: string | null): this {
    this.saves.push(() => path);
    return this;
  }

  /** The next save dialog keeps the proposed name, in this folder. */
  willSaveInto(dir: string): this {
    this.saves.push((suggestedName) => join(dir, suggestedName));
    return this;
  }

  async chooseFilesToUpload(): Promise<string[]> {
    return this.picks.shift() ?? [];
  }

  async chooseSaveLocation(suggestedName: string): Promise<string | null> {
    this.suggestedNames.push(suggestedName);
    return this.saves.shift()?.(suggestedName) ?? null;
  }
}
