import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../shared/app-error';
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
  };
  return {
    title: t(`errors.${error.code}.title`, values),
    remedy: t(`errors.${error.code}.remedy`, values),
  };
}
