import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../clock';

/** A sign-in in progress: the validated /auth parameters, waiting for the user's choice. */
export interface PendingSignIn {
  clientId: string;
  redirectUri: string;
  state?: string;
  scopes: string[];
  codeChallenge: string;
  hd?: string;
  loginHint?: string;
  expiresAt: number;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  email: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
  /** The refresh token the first exchange issued: revoked if the code is replayed (RFC 6749 §4.1.2). */
  issuedRefreshToken?: string;
}

const SIGN_IN_TTL_MS = 10 * 60_000;
const CODE_TTL_MS = 5 * 60_000;

export class AuthorizationCodes {
  private readonly pending = new Map<string, PendingSignIn>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(private readonly clock: EmulatorClock) {}

  startSignIn(signIn: Omit<PendingSignIn, 'expiresAt'>): string {
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, { ...signIn, expiresAt: this.clock.now() + SIGN_IN_TTL_MS });
    return id;
  }

  /** Takes (and forgets) a pending sign-in; undefined if unknown or expired. */
  finishSignIn(id: string): PendingSignIn | undefined {
    const signIn = this.pending.get(id);
    this.pending.delete(id);
    if (!signIn || this.clock.now() > signIn.expiresAt) return undefined;
    return signIn;
  }

  issueCode(signIn: PendingSignIn, email: string): string {
    const code = `4/0${randomBytes(30).toString('base64url')}`;
    this.codes.set(code, {
      clientId: signIn.clientId,
      redirectUri: signIn.redirectUri,
      codeChallenge: signIn.codeChallenge,
      email,
      scopes: signIn.scopes,
      expiresAt: this.clock.now() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  code(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }
}
