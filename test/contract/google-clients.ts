import { google, type cloudresourcemanager_v3, type cloudsupport_v2, type reseller_v1 } from 'googleapis';
import { DEMO_OAUTH_CLIENT_ID } from '../../main/emulator/seed/demo-accounts';

/**
 * Google's own generated clients (googleapis), pointed at an emulator origin and
 * signed in as one user. Retries are off so every call is exactly one request and an
 * error surfaces as the emulator answered it.
 */
export interface GoogleClients {
  /** The emulator origin with a trailing slash, as googleapis expects rootUrl. */
  rootUrl: string;
  oauth: InstanceType<typeof google.auth.OAuth2>;
  cloudsupport: cloudsupport_v2.Cloudsupport;
  reseller: reseller_v1.Reseller;
  resourceManager: cloudresourcemanager_v3.Cloudresourcemanager;
}

export interface SignedInTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export function googleClients(origin: string, tokens: SignedInTokens): GoogleClients {
  const rootUrl = origin.endsWith('/') ? origin : `${origin}/`;
  const oauth = new google.auth.OAuth2({
    // The client the emulator issued the tokens to: a refresh must name the same one.
    clientId: DEMO_OAUTH_CLIENT_ID,
    endpoints: { oauth2TokenUrl: new URL('token', rootUrl).href },
  });
  oauth.setCredentials({
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expiry_date: Date.now() + tokens.expires_in * 1000,
  });
  const common = { rootUrl, auth: oauth, retry: false };
  return {
    rootUrl,
    oauth,
    cloudsupport: google.cloudsupport({ version: 'v2', ...common }),
    reseller: google.reseller({ version: 'v1', ...common }),
    resourceManager: google.cloudresourcemanager({ version: 'v3', ...common }),
  };
}
