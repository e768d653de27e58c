// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Chaos Toolkit placeholder syntax, not a JS template
// The three providers with their chaoslib output shapes and failure messages (1.2, C4, C5).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityFailed } from '../../src/experiment/errors.js';
import { runHttp } from '../../src/experiment/providers/http.js';
import { runProcess } from '../../src/experiment/providers/process.js';
import { runPython } from '../../src/experiment/providers/python.js';
import type { ProviderContext } from '../../src/experiment/providers/types.js';
import type { Activity } from '../../src/experiment/types.js';
import { fakeRegistry, runWithFakes } from './fakes.js';

const warnings: string[] = [];
const ctx = (
  configuration: Record<string, unknown> = {},
  signal = new AbortController().signal,
): ProviderContext => ({
  registry: fakeRegistry({
    'test.actions.fail': () => {
      throw new ActivityFailed('no instance matched');
    },
    'test.probes.raise': () => {
      throw Object.assign(new Error('An error occurred (Throttling)'), {
        pythonType: 'botocore.exceptions.ClientError',
      });
    },
  }),
  configuration,
  secrets: {},
  signal,
  warn: (m) => warnings.push(m),
});
const act = (provider: Record<string, unknown>, extra: Partial<Activity> = {}): Activity =>
  ({ type: 'probe', name: 'p', provider, ...extra }) as Activity;
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ActivityFailed);
    return (err as Error).message;
  }
  throw new Error('expected ActivityFailed');
};

describe('python provider (C4 exception text)', () => {
  it('C4 a chaosaws FailedActivity reads "chaoslib.exceptions.ActivityFailed: <msg>"', async () => {
    expect(
      await failure(runPython(act({ type: 'python', module: 'test.actions', func: 'fail' }), ctx())),
    ).toBe('chaoslib.exceptions.ActivityFailed: no instance matched');
  });
  it('C4 other exceptions are "<module.Class>: <msg>"; builtins stay unqualified', async () => {
    expect(
      await failure(runPython(act({ type: 'python', module: 'test.probes', func: 'raise' }), ctx())),
    ).toBe('botocore.exceptions.ClientError: An error occurred (Throttling)');
    const r = await runWithFakes(
      {
        title: 't',
        description: 'd',
        method: [
          { type: 'action', name: 'x', provider: { type: 'python', module: 'test.actions', func: 'act' } },
        ],
      },
      {
        impls: {
          act: () => {
            throw new TypeError('bad operand');
          },
        },
      },
    );
    expect(r.journal.run[0]!.exception).toEqual([
      'chaoslib.exceptions.ActivityFailed: TypeError: bad operand\n',
    ]);
  });
});

describe('process provider (1.2)', () => {
  it('1.2 output is {status, stdout, stderr} with decoded text; a list is argv', async () => {
    const out = await runProcess(
      act({ type: 'process', path: 'sh', arguments: ['-c', 'echo out; echo err >&2; exit 3'] }),
      ctx(),
    );
    expect(out).toEqual({ status: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(warnings.at(-1)).toMatch(/^This process returned a non-zero exit code/);
  });
  it('1.2 a string of arguments goes through the shell; arguments are substituted', async () => {
    const out = await runProcess(
      act({ type: 'process', path: 'echo', arguments: '${word} | tr a-z A-Z' }),
      ctx({ word: 'shout' }),
    );
    expect(out).toMatchObject({ status: 0, stdout: 'SHOUT\n' });
  });
  it('C4 exceeding the timeout fails with "process activity took too long to complete"', async () => {
    expect(
      await failure(
        runProcess(act({ type: 'process', path: 'sleep', arguments: ['5'], timeout: 0.2 }), ctx()),
      ),
    ).toBe('process activity took too long to complete');
  });
  it("C5 a probe tolerance on a process provider: `value` is flattened to argv as Python's str()", async () => {
    const out = await runProcess(
      act({
        type: 'process',
        path: 'sh',
        arguments: {
          '-c': 'printf "%s|" "$@"',
          x: null,
          value: { status: 0, stdout: 'first opinion\n', stderr: '' },
        },
      }),
      ctx(),
    );
    expect((out as { stdout: string }).stdout).toBe(
      "value|{'status': 0, 'stdout': 'first opinion\\n', 'stderr': ''}|",
    );
  });
});

describe('http provider (1.2)', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url?.startsWith('/json')) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              method: req.method,
              url: req.url,
              body,
              auth: req.headers.authorization ?? null,
            }),
          );
        } else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
        else {
          res.writeHead(503, { 'Content-Type': 'text/plain' });
          res.end('down');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('1.2 output is {status, headers, body}; a JSON content type gives a parsed body; GET arguments are the query', async () => {
    const out = (await runHttp(
      act({
        type: 'http',
        url: '${base}/json',
        headers: { Authorization: 'Bearer ${tok}' },
        arguments: { q: 'x y' },
      }),
      ctx({ base, tok: 't0k' }),
    )) as { status: number; headers: Record<string, string>; body: Record<string, unknown> };
    expect(out.status).toBe(200);
    expect(out.headers['content-type']).toBe('application/json');
    expect(out.body).toEqual({ method: 'GET', url: '/json?q=x+y', body: '', auth: 'Bearer t0k' });
  });
  it('1.2 POST with Content-Type application/json sends the arguments as a JSON body', async () => {
    const out = (await runHttp(
      act({
        type: 'http',
        url: `${base}/json`,
        method: 'post',
        headers: { 'Content-Type': 'application/json' },
        arguments: { n: 1 },
      }),
      ctx(),
    )) as { body: { method: string; body: string } };
    expect(out.body).toMatchObject({ method: 'POST', body: '{"n":1}' });
  });
  it('1.2 a 5xx answer is not a failure, only a warning; a text body stays text', async () => {
    const out = await runHttp(act({ type: 'http', url: `${base}/down` }), ctx());
    expect(out).toMatchObject({ status: 503, body: 'down' });
    expect(warnings.at(-1)).toMatch(/HTTP status code above 400/);
  });
  it('1.2 a timeout fails the activity; a refused connection says which URL', async () => {
    expect(await failure(runHttp(act({ type: 'http', url: `${base}/slow`, timeout: 0.2 }), ctx()))).toBe(
      'activity took too long to complete',
    );
    expect(await failure(runHttp(act({ type: 'http', url: 'http://127.0.0.1:1/' }), ctx()))).toMatch(
      /^failed to connect to http:\/\/127\.0\.0\.1:1\/: /,
    );
  });
});
