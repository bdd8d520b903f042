import type { IncomingMessage } from 'node:http';
import type { EmulatorCore } from './emulator-core';
import type { FaultKind } from './faults';
import type { Reply } from './http-io';

/** What the handler learns about the caller and the target, for the request log. */
export interface RequestTrace {
  tokenEmail?: string;
  tokenDomain?: string;
  targetDomain?: string;
  /** The fault injected into this request, if any (a failure wins over added latency). */
  fault?: FaultKind;
}

export interface ApiRequest {
  req: IncomingMessage;
  url: URL;
  method: string;
  /** The capture groups of the route pattern. */
  params: string[];
  core: EmulatorCore;
  /** http://127.0.0.1:PORT */
  origin: string;
  trace: RequestTrace;
}

export type RouteKind = 'api' | 'oauth' | 'control';

export interface Route {
  /** Stable id used by faults and request counts, e.g. "cases.search". */
  id: string;
  method: string;
  pattern: RegExp;
  kind: RouteKind;
  handle(request: ApiRequest): Promise<Reply> | Reply;
}

export function param(request: ApiRequest, index: number): string {
  return request.params[index] ?? '';
}
