import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { appErrorOf } from '../testing/test-helpers.js';
import { nodeHttpTransport } from './http-transport.js';

const MIB = 2 ** 20;
const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
});

/** A loopback server that sends `total` bytes in 64 KiB chunks as the client reads, without Content-Length. */
async function chunkedServer(total: number): Promise<{ url: string; sent: () => number; closed: Promise<void> }> {
  let sent = 0;
  let markClosed = () => undefined as void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked: the size is not said up front
    res.on('close', markClosed);
    const write = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`, sent: () => sent, closed };
}

describe('the HTTP transport with a response cap', () => {
  it('stops reading a 256 MiB body without Content-Length at the cap: typed error, memory flat, connection closed', async () => {
    const server = await chunkedServer(256 * MIB);
    const transport = nodeHttpTransport();
    const refused = new AppError('backupDamaged', 'too large');
    globalThis.gc?.();
    const start = process.memoryUsage();
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - start.rss)), 2);
    const error = await appErrorOf(transport.send({ method: 'GET', url: server.url, maxResponse: { bytes: 16 * MIB, error: refused } }));
    clearInterval(timer);
    console.info(`256 MiB chunked body capped at 16 MiB: rss +${(peak / MIB).toFixed(1)} MiB at the peak; the server sent ${(server.sent() / MIB).toFixed(1)} MiB`);

    expect(error).toBe(refused);
    await server.closed; // the transport hung up rather than draining the rest
    expect(server.sent()).toBeLessThan(64 * MIB);
    expect(peak).toBeLessThan(64 * MIB);
  }, 30_000);

  it('refuses at once when Content-Length already says too much, and passes bodies up to the cap whole', async () => {
    const server = http.createServer((req, res) => {
      const body = Buffer.alloc(req.url === '/big' ? 2 * MIB : MIB, 'y');
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const transport = nodeHttpTransport();
    const maxResponse = { bytes: MIB, error: new AppError('backupDamaged', 'too large') };
    expect((await appErrorOf(transport.send({ method: 'GET', url: `${base}/big`, maxResponse }))).kind).toBe('backupDamaged');
    const exact = await transport.send({ method: 'GET', url: `${base}/exact`, maxResponse });
    expect(exact.body.length).toBe(MIB);
  });
});
