import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { jsonReply, type WireReply } from './wire-reply.js';
import type { WireScenario } from './wire-scenario.js';

/** One request as the wire server received it. */
export interface WireRequest {
  /** HTTP method. */
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters. */
  query: Record<string, string>;
  /** Headers, lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** The body exactly as received. */
  rawBody: string;
}

/** A route of a wire server: which requests it answers and how it renders a scenario. */
export interface WireRoute {
  /** HTTP method (default `POST`). */
  method?: string;
  /** Exact path, or a pattern matched against the path. */
  path: string | RegExp;
  /**
   * Renders the scenario scripted for this request in the provider's wire format.
   * `slow` scenarios are unwrapped by the server; the route sees the inner one.
   */
  reply(request: WireRequest, scenario: WireScenario): WireReply | Promise<WireReply>;
}

/** Options for `startWireServer`. */
export interface WireServerOptions {
  /** The provider's routes. */
  routes: WireRoute[];
  /** Scenarios answered in order, one per request. */
  scenarios?: WireScenario[];
  /** Answers requests once the scripted queue is empty (e.g. a demo run of many calls). */
  respond?: (request: WireRequest) => WireScenario | undefined;
  /** Answer for a request with nothing scripted (default: HTTP 400 naming the request, which is never retried). */
  unscripted?: (request: WireRequest) => WireReply;
}

/** A running wire server. */
export interface WireServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The port. */
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: WireRequest[];
  /** Scripts the next answers, in order. */
  enqueue(...scenarios: WireScenario[]): void;
  /** Scripted scenarios not yet consumed. */
  readonly pending: number;
  /** Requests that found nothing scripted. */
  readonly unscripted: WireRequest[];
  /** Forgets recorded requests and scripted scenarios. */
  reset(): void;
  /** Stops the server, destroying open connections. */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function toRecord(request: IncomingMessage, rawBody: string): WireRequest {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown = rawBody;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      // keep the text
    }
  }
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    rawBody,
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function write(response: ServerResponse, reply: WireReply): Promise<void> {
  if (reply.firstByteDelayMs) await wait(reply.firstByteDelayMs);
  if (response.destroyed) return;
  const headers = { ...reply.headers };
  if (reply.chunks) {
    response.writeHead(reply.status ?? 200, headers);
    response.flushHeaders();
    for (const [index, chunk] of reply.chunks.entries()) {
      if (index > 0 && reply.chunkDelayMs) await wait(reply.chunkDelayMs);
      if (response.destroyed) return;
      response.write(chunk);
    }
    if (reply.cut) {
      // Let the written bytes reach the client, then drop the connection without a terminating chunk.
      await new Promise<void>((resolve) => response.socket?.write('', () => resolve()) ?? resolve());
      response.socket?.destroy();
      return;
    }
    response.end();
    return;
  }
  const body = reply.body ?? '';
  if (reply.cut) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    headers['content-length'] = String(bytes.length + 100);
    response.writeHead(reply.status ?? 200, headers);
    response.write(bytes);
    await new Promise<void>((resolve) => response.socket?.write('', () => resolve()) ?? resolve());
    response.socket?.destroy();
    return;
  }
  response.writeHead(reply.status ?? 200, headers);
  response.end(body);
}

function matches(route: WireRoute, request: WireRequest): boolean {
  if ((route.method ?? 'POST').toUpperCase() !== request.method.toUpperCase()) return false;
  return typeof route.path === 'string' ? route.path === request.path : route.path.test(request.path);
}

/**
 * Starts a local HTTP server (127.0.0.1, a free port) that answers each request with the
 * next scripted scenario rendered by the matching route, and records every request.
 * The base of every provider's wire server.
 */
export async function startWireServer(options: WireServerOptions): Promise<WireServer> {
  const queue: WireScenario[] = [...(options.scenarios ?? [])];
  const requests: WireRequest[] = [];
  const unscripted: WireRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer(async (incoming, response) => {
    try {
      const request = toRecord(incoming, await readBody(incoming));
      requests.push(request);
      const route = options.routes.find((candidate) => matches(candidate, request));
      if (!route) {
        await write(
          response,
          jsonReply(404, {
            error: { message: `wire server: no route for ${request.method} ${request.path}` },
          }),
        );
        return;
      }
      let scenario = queue.shift() ?? options.respond?.(request);
      if (!scenario) {
        unscripted.push(request);
        await write(
          response,
          options.unscripted?.(request) ??
            jsonReply(400, {
              error: {
                message: `wire server: no scenario scripted for ${request.method} ${request.path}`,
                type: 'invalid_request_error',
                param: null,
                code: 'wire_server_unscripted',
              },
            }),
        );
        return;
      }
      let firstByteDelayMs = 0;
      while (scenario.type === 'slow') {
        firstByteDelayMs += scenario.firstByteDelayMs;
        scenario = scenario.then;
      }
      const reply = await route.reply(request, scenario);
      await write(response, firstByteDelayMs ? { ...reply, firstByteDelayMs } : reply);
    } catch (error) {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `wire server failure: ${String(error)}` } }));
      } else response.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    unscripted,
    enqueue(...scenarios) {
      queue.push(...scenarios);
    },
    get pending() {
      return queue.length;
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      unscripted.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
