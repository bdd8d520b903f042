import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../clock';

interface AccessToken {
  email: string;
  scopes: string[];
  expiresAt: number;
  refreshToken?: string;
  revoked: boolean;
}

interface RefreshToken {
  email: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

export type AccessLookup =
  | { status: 'valid'; email: string; scopes: string[]; expiresAt: number }
  | { status: 'expired' }
  | { status: 'invalid' };

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
}

/** Opaque random tokens shaped like Google's (ya29.… access, 1//… refresh). */
function opaque(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Access and refresh tokens of every user; access tokens expire on the emulator clock. */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly ttlSec: () => number,
  ) {}

  issue(email: string, clientId: string, scopes: string[]): IssuedTokens {
    const refreshToken = opaque('1//');
    this.refresh.set(refreshToken, { email, clientId, scopes, revoked: false });
    const { token, expiresIn } = this.newAccessToken(email, scopes, refreshToken);
    return { access_token: token, refresh_token: refreshToken, expires_in: expiresIn, scope: scopes.join(' ') };
  }

  /** A new access token for a live refresh token; undefined when it is unknown, revoked or of another client. */
  refreshAccess(
    refreshToken: string,
    clientId: string,
  ): { access_token: string; expires_in: number; scope: string } | undefined {
    const record = this.refresh.get(refreshToken);
    if (!record || record.revoked || record.clientId !== clientId) return undefined;
    const { token, expiresIn } = this.newAccessToken(record.email, record.scopes, refreshToken);
    return { access_token: token, expires_in: expiresIn, scope: record.scopes.join(' ') };
  }

  lookup(token: string): AccessLookup {
    const record = this.access.get(token);
    if (!record || record.revoked) return { status: 'invalid' };
    if (record.refreshToken && this.refresh.get(record.refreshToken)?.revoked) return { status: 'invalid' };
    if (this.clock.now() >= record.expiresAt) return { status: 'expired' };
    return { status: 'valid', email: record.email, scopes: record.scopes, expiresAt: record.expiresAt };
  }

  /** Revokes an access or refresh token (a refresh token takes its access tokens with it). False if unknown. */
  revoke(token: string): boolean {
    const access = this.access.get(token);
    if (access) {
      access.revoked = true;
      return true;
    }
    const refresh = this.refresh.get(token);
    if (!refresh) return false;
    refresh.revoked = true;
    for (const record of this.access.values()) if (record.refreshToken === token) record.revoked = true;
    return true;
  }

  /** An admin revoked the user's sessions: every token of `email` dies. */
  revokeUser(email: string): void {
    const target = email.toLowerCase();
    for (const record of this.refresh.values()) if (record.email.toLowerCase() === target) record.revoked = true;
    for (const record of this.access.values()) if (record.email.toLowerCase() === target) record.revoked = true;
  }

  private newAccessToken(email: string, scopes: string[], refreshToken: string): { token: string; expiresIn: number } {
    const expiresIn = this.ttlSec();
    const token = opaque('ya29.');
    this.access.set(token, {
      email,
      scopes,
      expiresAt: this.clock.now() + expiresIn * 1000,
      refreshToken,
      revoked: false,
    });
    return { token, expiresIn };
  }
}
