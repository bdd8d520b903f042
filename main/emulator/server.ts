import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rateLimited } from './access';
import type { EmulatorCore } from './emulator-core';
import type { Reply } from './http-io';
import { MultipartError } from './multipart';
import type { ApiRequest, Route } from './route';
import { attachmentRoutes } from './routes/cloud-support-attachments';
import { caseRoutes } from './routes/cloud-support-cases';
import { classificationRoutes } from './routes/cloud-support-classifications';
import { commentRoutes } from './routes/cloud-support-comments';
import { controlRoutes } from './routes/control';
import { oauthRoutes } from './routes/oauth';
import { resellerRoutes } from './routes/reseller';
import { resourceManagerRoutes } from './routes/resource-manager';
import { RpcError } from './rpc-error';

export const ROUTES: Route[] = [
  ...classificationRoutes,
  ...caseRoutes,
  ...commentRoutes,
  ...attachmentRoutes,
  ...resourceManagerRoutes,
  ...resellerRoutes,
  ...oauthRoutes,
  ...controlRoutes,
];

function findRoute(method: string, path: string, control: boolean): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method || (route.kind === 'control' && !control)) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map((group) => group ?? '') };
  }
  return undefined;
}

function errorReply(error: RpcError): Reply {
  return { status: error.httpStatus, headers: error.headers, json: error.toJson() };
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body: Buffer | string | undefined = reply.body;
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['Content-Type'] ??= 'application/json; charset=UTF-8';
  }
  if (!req.readableEnded) {
    // Answered before the body was read (e.g. an upload over the limit): drain it, then close.
    headers.Connection = 'close';
    req.resume();
  }
  if (body !== undefined && headers['Content-Length'] === undefined)
    headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** Refuses other Host names, so a web page cannot reach the emulator through DNS rebinding. */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ServerOptions {
  port: number;
  control: boolean;
  log?: (line: string) => void;
}

/**
 * The emulator's HTTP server: one routing table with route ids, faults injected
 * before (or instead of) the handler, every API/OAuth request logged. Unknown paths
 * and methods — including DELETE on cases, comments and attachments, which the API
 * does not have — answer 404 NOT_FOUND "Method not found", as Google's front end does.
 */
export async function listen(core: EmulatorCore, options: ServerOptions): Promise<{ server: Server; url: string }> {
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    let path: string;
    try {
      // A request target such as "//" reads as a scheme-relative URL with no host: Invalid URL.
      url = new URL(req.url ?? '/', origin);
      path = decodeURIComponent(url.pathname);
    } catch {
      send(req, res, errorReply(new RpcError('INVALID_ARGUMENT', 'Malformed URL path.')));
      return;
    }
    if (!isLoopbackHost(req.headers.host)) {
      send(
        req,
        res,
        errorReply(
          new RpcError(
            'PERMISSION_DENIED',
            `Unexpected Host "${req.headers.host ?? ''}": the emulator only answers loopback names.`,
          ),
        ),
      );
      return;
    }
    const found = findRoute(method, path, options.control);
    if (!found) {
      send(req, res, errorReply(new RpcError('NOT_FOUND', `Method not found: ${method} ${url.pathname}`)));
      core.log.record({ time: core.clock.now(), method, path: url.pathname, route: 'unknown', status: 404 });
      return;
    }
    const { route, params } = found;
    const request: ApiRequest = { req, url, method, params, core, origin, trace: {} };
    const logged = route.kind !== 'control';
    const record = (status: number) => {
      if (!logged) return;
      core.log.record({
        time: core.clock.now(),
        method,
        path: url.pathname,
        route: route.id,
        status,
        ...request.trace,
      });
      options.log?.(
        `${method} ${url.pathname} -> ${status || 'dropped'} (${route.id}${request.trace.tokenEmail ? `, ${request.trace.tokenEmail}` : ''})`,
      );
    };
    if (logged) core.agent.catchUp();

    let reply: Reply | undefined;
    let dropAfterCommit = false;
    if (logged) {
      const decision = core.faults.decide(route.id, method);
      const fault = decision.failure ?? (decision.latencyMs > 0 ? 'latency' : undefined);
      if (fault) request.trace.fault = fault;
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      switch (decision.failure) {
        case 'drop-before-commit':
          req.resume();
          req.socket.destroy();
          record(0);
          return;
        case 'drop-after-commit':
          dropAfterCommit = true;
          break;
        case '429':
          reply = errorReply(rateLimited('injected-fault', 30));
          break;
        case '500':
          reply = errorReply(new RpcError('INTERNAL', 'Internal error encountered.'));
          break;
        case '503':
          reply = errorReply(new RpcError('UNAVAILABLE', 'The service is currently unavailable.'));
          break;
        case undefined:
          break;
      }
    }

    if (!reply) {
      try {
        reply = await route.handle(request);
      } catch (error) {
        if (error instanceof RpcError) reply = errorReply(error);
        else if (error instanceof MultipartError) reply = errorReply(new RpcError('INVALID_ARGUMENT', error.message));
        else {
          options.log?.(`emulator: ${route.id} failed: ${(error as Error).stack ?? String(error)}`);
          reply = errorReply(new RpcError('INTERNAL', 'Internal error encountered.'));
        }
      }
    }
    if (dropAfterCommit) {
      req.resume();
      req.socket.destroy();
      record(0);
      return;
    }
    send(req, res, reply);
    record(reply.status);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.(`emulator: request failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(req, res, errorReply(new RpcError('INTERNAL', 'Internal error encountered.')));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return { server, url: origin };
}
