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
  };
  const reason = error.code === 'failed_precondition' ? preconditionReason(error.detail?.reason) : null;
  const key = reason ? `errors.reasons.${reason}` : `errors.${error.code}`;
  return { title: t(`${key}.title`, values), remedy: t(`${key}.remedy`, values) };
}

/**
 * The refusals a case action can meet, by the reason the core gives or, when the core
 * passes Google's through, by its ErrorInfo reason (main/core/api/google-types.ts).
 */
const PRECONDITION_REASONS: Readonly<Record<string, 'not_premium' | 'reopen_window_expired'>> = {
  not_premium: 'not_premium',
  ESCALATION_REQUIRES_PREMIUM_SUPPORT: 'not_premium',
  reopen_window_expired: 'reopen_window_expired',
  REOPEN_WINDOW_EXPIRED: 'reopen_window_expired',
};

function preconditionReason(reason: string | undefined): 'not_premium' | 'reopen_window_expired' | null {
  return reason && Object.hasOwn(PRECONDITION_REASONS, reason) ? (PRECONDITION_REASONS[reason] ?? null) : null;
}
