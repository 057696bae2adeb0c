import { createServer, request, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { drainHttpServer } from '../../../src/server/drain-http.js';

/** A server whose `/slow` answers only when the test says so; every other path answers at once. */
async function startServer(): Promise<{ server: Server; url: string; releaseSlow: () => void }> {
  const waiting: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/slow') {
      waiting.push(res);
      return;
    }
    res.end('fast');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, releaseSlow: () => waiting.splice(0).forEach((res) => res.end('slow')) };
}

function get(url: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('drainHttpServer', () => {
  const agents: Agent[] = [];
  const keepAlive = (): Agent => {
    const agent = new Agent({ keepAlive: true });
    agents.push(agent);
    return agent;
  };
  afterEach(() => agents.splice(0).forEach((agent) => agent.destroy()));

  it('answers the request in flight, closes idle keep-alive sockets, and then finishes', async () => {
    const { server, url, releaseSlow } = await startServer();
    const idle = keepAlive();
    expect((await get(`${url}/fast`, idle)).body).toBe('fast');
    const inFlight = get(`${url}/slow`, keepAlive());
    await new Promise((resolve) => setTimeout(resolve, 50));

    let drained = false;
    const draining = drainHttpServer(server, { graceMs: 5_000, sweepMs: 10 })().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(drained).toBe(false);
    expect(server.listening).toBe(false);

    releaseSlow();
    expect(await inFlight).toEqual({ status: 200, body: 'slow' });
    await draining;
    expect(drained).toBe(true);
  });

  it('cuts requests still running when the grace period ends', async () => {
    const { server, url } = await startServer();
    const hanging = get(`${url}/slow`, keepAlive());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await drainHttpServer(server, { graceMs: 200, sweepMs: 10 })();
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
