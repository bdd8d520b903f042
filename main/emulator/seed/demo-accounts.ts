import { RESELLER_PRIVILEGES } from '../../google-wire/google-types';
import type { DemoAccount, ResellerDomain } from '../store/model';

/** The OAuth client id the emulator knows (the app's demo mode uses it). */
export const DEMO_OAUTH_CLIENT_ID = 'partner-desk-demo.apps.googleusercontent.com';

export const NORTHWIND_DOMAIN = 'northwind-reseller.example';
export const LUMIERE_DOMAIN = 'revendeur-lumiere.example';

export const DEMO_DOMAINS: ResellerDomain[] = [
  { domain: NORTHWIND_DOMAIN, displayName: 'Northwind Reseller', language: 'en' },
  { domain: LUMIERE_DOMAIN, displayName: 'Revendeur Lumière', language: 'fr' },
];

/**
 * A third reseller domain and its admin, in the scale data set only when asked
 * (`resellerDomains: 3`): the live-sync bench measures three domains signed in at once.
 * Left out of DEMO_DOMAINS/DEMO_ACCOUNTS so the demo and the default scale set keep two.
 */
export const BOREAL_DOMAIN = 'boreal-reseller.example';
export const BOREAL_USER = `nora.berg@${BOREAL_DOMAIN}`;
export const EXTRA_SCALE_DOMAIN: ResellerDomain = {
  domain: BOREAL_DOMAIN,
  displayName: 'Boreal Reseller',
  language: 'en',
};

const [SUPPORT, VIEW_CUSTOMERS, ACCESS_CASES] = RESELLER_PRIVILEGES;

export const DEMO_USERS = {
  alex: `alex.morgan@${NORTHWIND_DOMAIN}`,
  sam: `sam.lee@${NORTHWIND_DOMAIN}`,
  claire: `claire.dubois@${LUMIERE_DOMAIN}`,
  hugo: `hugo.martin@${LUMIERE_DOMAIN}`,
} as const;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: DEMO_USERS.alex,
    domain: NORTHWIND_DOMAIN,
    displayName: 'Alex Morgan',
    language: 'en',
    privileges: [...RESELLER_PRIVILEGES],
  },
  {
    email: DEMO_USERS.sam,
    domain: NORTHWIND_DOMAIN,
    displayName: 'Sam Lee',
    language: 'en',
    privileges: [VIEW_CUSTOMERS, ACCESS_CASES],
    missingPrivilege: SUPPORT,
  },
  {
    email: DEMO_USERS.claire,
    domain: LUMIERE_DOMAIN,
    displayName: 'Claire Dubois',
    language: 'fr',
    privileges: [...RESELLER_PRIVILEGES],
  },
  {
    email: DEMO_USERS.hugo,
    domain: LUMIERE_DOMAIN,
    displayName: 'Hugo Martin',
    language: 'fr',
    privileges: [SUPPORT, VIEW_CUSTOMERS],
    missingPrivilege: ACCESS_CASES,
  },
];

export const EXTRA_SCALE_ACCOUNT: DemoAccount = {
  email: BOREAL_USER,
  domain: BOREAL_DOMAIN,
  displayName: 'Nora Berg',
  language: 'en',
  privileges: [...RESELLER_PRIVILEGES],
};
