// A fault-injecting HTTP proxy on 127.0.0.1 in front of an AWS endpoint (moto): at a set rate it
// answers with the service's own throttling error, a 5xx, a connection reset, or a slow answer.
// Faults are drawn from a seeded PRNG so a failing run can be repeated.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { Prng } from '../../src/catalog/prng.js';

/** One kind of fault the proxy can inject. */
export type FaultKind = 'throttle' | 'server-error' | 'reset' | 'slow';

/** How often each fault happens (0..1 per request), and how slow "slow" is. */
export interface FaultPlan {
  rates: Partial<Record<FaultKind, number>>;
  slowMs?: number;
  seed?: number;
  /** Only requests for these services (from the SigV4 credential scope) get faults. */
  services?: string[];
}

/** A running proxy: its endpoint, what it injected, and how to stop it. */
export interface FaultProxy {
  endpoint: string;
  injected: Record<FaultKind, number>;
  forwarded: number;
  plan: FaultPlan;
  close(): Promise<void>;
}

/** The AWS service a signed request is for, from its SigV4 credential scope. */
export function serviceOf(req: IncomingMessage): string {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? 'unknown';
}

/** Writes the service's own throttling error, in its wire protocol. */
function throttle(service: string, res: ServerResponse): void {
  if (service === 'ecs') {
    res.writeHead(400, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': 'ThrottlingException',
    });
    res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
  } else if (service === 'monitoring') {
    res.writeHead(400, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': 'Throttling;Sender',
    });
    res.end(JSON.stringify({ __type: 'Throttling', message: 'Rate exceeded' }));
  } else if (service === 'ec2') {
    res.writeHead(503, { 'content-type': 'text/xml' });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>',
    );
  } else {
    res.writeHead(400, { 'content-type': 'text/xml' });
    res.end(
      '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>',
    );
  }
}

/** Starts the proxy in front of `target` (e.g. moto's endpoint). */
export async function startFaultProxy(target: string, plan: FaultPlan): Promise<FaultProxy> {
  const seeded = new Prng(plan.seed ?? 1);
  const rnd = () => seeded.next();
  const upstream = new URL(target);
  const injected: Record<FaultKind, number> = { throttle: 0, 'server-error': 0, reset: 0, slow: 0 };
  const state = { forwarded: 0 };
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    state.forwarded++;
    const up = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    up.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const service = serviceOf(req);
      const eligible = !plan.services || plan.services.includes(service);
      const draw = rnd();
      let edge = 0;
      for (const kind of ['throttle', 'server-error', 'reset', 'slow'] as FaultKind[]) {
        edge += eligible ? (plan.rates[kind] ?? 0) : 0;
        if (draw >= edge) continue;
        injected[kind]++;
        if (kind === 'throttle') return throttle(service, res);
        if (kind === 'server-error') {
          res.writeHead(503, { 'content-type': 'text/plain' });
          return res.end('Service Unavailable');
        }
        if (kind === 'reset') return req.socket.destroy();
        return void setTimeout(() => forward(req, res, body), plan.slowMs ?? 500);
      }
      forward(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    injected,
    get forwarded() {
      return state.forwarded;
    },
    plan,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
