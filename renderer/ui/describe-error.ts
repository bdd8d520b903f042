import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../shared/app-error';

export interface ErrorText {
  title: string;
  remedy: string;
}

/** Words an error in the UI language: what happened, and what to do (the seed's remedies). */
export function describeError(t: TFunction, error: AppErrorData, context: { domain?: string } = {}): ErrorText {
  const values = {
    privilege: error.detail?.privilege ?? t('errors.unknownPrivilege'),
    domain: error.detail?.domain ?? context.domain ?? '',
    customer: error.detail?.customerName ?? error.detail?.customerId ?? t('errors.thisCustomer'),
    field: error.detail?.field ?? '',
    filename: error.detail?.filename ?? '',
  };
  const reason = error.detail?.reason;
  // A file refused for upload has its own wording (a vanished file is not a missing case).
  const key = reason && FILE_REASONS.has(reason) ? `errors.file.${reason}` : `errors.${error.code}`;
  return {
    title: t(`${key}.title`, values),
    remedy: t(`${key}.remedy`, values),
  };
}

/** detail.reason of main's refusals of a file to attach (main/core/files/staged-files.ts). */
const FILE_REASONS = new Set(['not_a_file', 'unreadable', 'file_vanished', 'file_not_staged']);
