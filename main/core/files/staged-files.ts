import { randomBytes } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../../../shared/app-error';
import type { StagedFile } from '../../../shared/model/case-actions';
import { mimeTypeOf } from '../api/mime-type';
import type { FileAccess, FileInfo, FileSource } from '../ports';

/** Google's attachment limit, which the emulator enforces too (main/emulator/settings.ts). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

export interface StagedFilesOptions {
  files: FileAccess;
  /** Larger files are refused when staged and when uploaded. */
  maxBytes?: number;
  /** Test seam; default 16 random bytes, base64url. */
  newId?: () => string;
}

/**
 * The files the renderer may upload: only paths the user picked in the native dialog
 * (main opened it) or dropped on the window (the preload read the path) are staged, each
 * under an opaque random id. The renderer names ids, never paths, so it cannot make main
 * read a file the user did not choose. A path is checked when staged and again when
 * opened for upload: a regular readable file within the size limit, still there.
 */
export class StagedFiles {
  readonly maxBytes: number;
  private readonly entries = new Map<string, { file: StagedFile; path: string }>();
  private readonly newId: () => string;

  constructor(private readonly options: StagedFilesOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
    this.newId = options.newId ?? (() => randomBytes(16).toString('base64url'));
  }

  async stage(path: string): Promise<StagedFile> {
    const filename = basename(path);
    if (!isAbsolute(path)) {
      throw new AppError('invalid_argument', 'Only a file picked or dropped by the user can be attached.', {
        field: 'path',
        reason: 'not_a_file',
        filename,
      });
    }
    const info = await this.check(path, filename);
    const file: StagedFile = { fileId: this.newId(), filename, sizeBytes: info.size, mimeType: mimeTypeOf(filename) };
    this.entries.set(file.fileId, { file, path });
    return file;
  }

  /** What the renderer was told about a staged file; refused when the id is unknown or released. */
  describe(fileId: string): StagedFile {
    return this.entry(fileId).file;
  }

  /** Checks the file again and opens it for a streamed upload. */
  async open(fileId: string): Promise<FileSource> {
    const { path, file } = this.entry(fileId);
    await this.check(path, file.filename);
    const source = await this.options.files.openForUpload(path).catch((error: unknown) => {
      throw error instanceof AppError && error.detail?.reason === 'ENOENT' ? vanished(file.filename) : error;
    });
    if (source.size > this.maxBytes) throw this.tooLarge(file.filename, source.size);
    // Named as staged: a draft's copy is stored under its sha256, and Google must see the user's file name.
    return { filename: file.filename, size: source.size, mimeType: file.mimeType, stream: () => source.stream() };
  }

  /**
   * Registers a file the core itself stored (a draft's copy in the app's data folder)
   * under the id it had when staged, so uploads by that id read the copy, also after a
   * restart; replaces what the id named before.
   */
  adopt(file: StagedFile, path: string): void {
    this.entries.set(file.fileId, { file, path });
  }

  release(fileId: string): boolean {
    return this.entries.delete(fileId);
  }

  private entry(fileId: string): { file: StagedFile; path: string } {
    const entry = this.entries.get(fileId);
    if (!entry) {
      throw new AppError('not_found', 'This file is not ready to upload any more: pick or drop it again.', {
        reason: 'file_not_staged',
      });
    }
    return entry;
  }

  private async check(path: string, filename: string): Promise<FileInfo> {
    const info = await this.options.files.inspect(path);
    if (!info) throw vanished(filename);
    if (info.kind !== 'file') {
      const what = info.kind === 'directory' ? 'a folder' : 'not a regular file (a device, pipe or socket)';
      throw new AppError('invalid_argument', `"${filename}" is ${what}: only files can be attached.`, {
        field: 'file',
        reason: 'not_a_file',
        filename,
      });
    }
    if (!info.readable) {
      throw new AppError('invalid_argument', `"${filename}" cannot be read: check its permissions.`, {
        field: 'file',
        reason: 'unreadable',
        filename,
      });
    }
    if (info.size > this.maxBytes) throw this.tooLarge(filename, info.size);
    return info;
  }

  private tooLarge(filename: string, size: number): AppError {
    return new AppError('too_large', `"${filename}" is ${size} bytes; an attachment holds at most ${this.maxBytes}.`, {
      filename,
      sizeBytes: String(size),
      maxBytes: String(this.maxBytes),
    });
  }
}

function vanished(filename: string): AppError {
  return new AppError('not_found', `"${filename}" is not there any more: it was moved or deleted.`, {
    reason: 'file_vanished',
    filename,
  });
}
