import type { TFunction } from 'i18next';
import { PRECONDITION_REASONS, type AppErrorData } from '../../shared/app-error';
import { privilegeName } from '../i18n/privilege-name';

export interface ErrorText {
  title: string;
  remedy: string;
}

/** Words an error in the UI language: what happened, and what to do (the seed's remedies). */
export function describeError(t: TFunction, error: AppErrorData, context: { domain?: string } = {}): ErrorText {
  const values = {
    privilege: error.detail?.privilege ? privilegeName(t, error.detail.privilege) : t('errors.unknownPrivilege'),
    domain: error.detail?.domain ?? context.domain ?? '',
    customer: error.detail?.customerName ?? error.detail?.customerId ?? t('errors.thisCustomer'),
    field: error.detail?.field ?? '',
    filename: error.detail?.filename ?? '',
  };
  const key = wordingKey(error);
  return { title: t(`${key}.title`, values), remedy: t(`${key}.remedy`, values) };
}

const WORDED_REASONS: ReadonlySet<string> = new Set(Object.values(PRECONDITION_REASONS));

/** The catalog entry of an error: a refused file or a case action's precondition has its own words. */
function wordingKey(error: AppErrorData): string {
  const reason = error.detail?.reason;
  if (reason !== undefined && FILE_REASONS.has(reason)) return `errors.file.${reason}`;
  if (error.code === 'failed_precondition' && reason !== undefined && WORDED_REASONS.has(reason)) {
    return `errors.reasons.${reason}`;
  }
  return `errors.${error.code}`;
}

/** detail.reason of main's refusals of a file to attach (main/core/files/staged-files.ts). */
const FILE_REASONS = new Set(['not_a_file', 'unreadable', 'file_vanished', 'file_not_staged']);
