import type { TFunction } from 'i18next';
import { en } from '../../shared/i18n/en';

type PrivilegeKey = keyof typeof en.privileges;

/**
 * The core names a missing privilege as Google does, in English (BACKEND.md §4.3); the
 * English catalog holds those names, so the key found there words it in the UI's language.
 */
export function privilegeKey(name: string): PrivilegeKey | undefined {
  return (Object.keys(en.privileges) as PrivilegeKey[]).find((key) => en.privileges[key] === name);
}

/** The privilege in the UI's language; a name the app does not know is shown as Google gave it. */
export function privilegeName(t: TFunction, name: string): string {
  const key = privilegeKey(name);
  return key ? t(`privileges.${key}`) : name;
}
