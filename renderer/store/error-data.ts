import { AppError, type AppErrorData } from '../../shared/app-error';

/** What the UI keeps of a failure: AppError's data, or an `internal` error for anything else. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
