import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescriptionText } from '../../store/new-case-store';

/** The guided questions and their heading in the UI language: the words the user answered. */
export function useDescriptionText(): DescriptionText {
  const { t } = useTranslation();
  return useMemo(() => ({ question: (key: string) => t(key), heading: t('newCase.description.composedHeading') }), [t]);
}
