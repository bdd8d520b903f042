import type { TFunction } from 'i18next';
import { PRECONDITION_REASONS, type AppErrorData } from '../../shared/app-error';

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
  };
  const reason = error.code === 'failed_precondition' ? preconditionReason(error.detail?.reason) : null;
  const key = reason ? `errors.reasons.${reason}` : `errors.${error.code}`;
  return { title: t(`${key}.title`, values), remedy: t(`${key}.remedy`, values) };
}

const WORDED_REASONS: ReadonlySet<string> = new Set(Object.values(PRECONDITION_REASONS));

/** The refusals a case action can meet that have their own words (shared/app-error.ts). */
function preconditionReason(reason: string | undefined): string | null {
  return reason !== undefined && WORDED_REASONS.has(reason) ? reason : null;
}
