import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../main/emulator';

/** A demo emulator for tests: manual clock, control on, agent off unless asked. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ manualClock: true, control: true, agent: false, ...options });
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: T;
}

export interface RpcErrorBody {
  error: {
    code: number;
    status: string;
    message: string;
    details?: {
      '@type': string;
      reason?: string;
      metadata?: Record<string, string>;
      fieldViolations?: { field: string }[];
    }[];
  };
}

/** Calls the emulator over loopback as one demo user (tokens issued through the control API). */
export class ApiCaller {
  readonly token: string;

  constructor(
    private readonly emulator: RunningEmulator,
    readonly email: string,
  ) {
    this.token = emulator.control.issueTokens(email).access_token;
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { Authorization: `Bearer ${this.token}` } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${this.emulator.url}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : {}) as T };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.call<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown = {}) {
    return this.call<T>('POST', path, body);
  }
}

/** The ErrorInfo detail of an error body, if any. */
export function errorInfoOf(body: unknown): { reason?: string; metadata?: Record<string, string> } | undefined {
  return (body as RpcErrorBody).error?.details?.find((d) => d['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo');
}

export function orgOf(
  emulator: RunningEmulator,
  domain: string,
  want: { resellerAccess?: boolean; premiumSupport?: boolean; changedReseller?: boolean },
): string {
  const found = emulator.control.data
    .customers(domain)
    .find((c) => Object.entries(want).every(([key, value]) => c[key as keyof typeof c] === value));
  if (!found) throw new Error(`No customer of ${domain} with ${JSON.stringify(want)}`);
  return found.organization;
}

export const newCase = (classificationId: string, overrides: Record<string, unknown> = {}) => ({
  displayName: 'Shared drive members cannot upload',
  description: 'Members with Contributor access get an error when uploading files to the Finance shared drive.',
  classification: { id: classificationId },
  priority: 'P2',
  ...overrides,
});
