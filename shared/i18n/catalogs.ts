import { en, type Catalog } from './en';
import { fr } from './fr';
import type { UiLanguage } from './resolve-language';

/** Both catalogs by language: the renderer's i18next resources and main's own text. */
export const CATALOGS: Readonly<Record<UiLanguage, Catalog>> = { en, fr };
