// The transport: every attempt is one call of `fetch` (the caller's own with the `fetch`
// option, else the global one at the time of the call), and whatever that function does, the
// call settles: a stub that returns a bare `new Response(...)`, throws, or returns something
// else never crashes the process.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, beforeEach, test } from 'node:test';
import { Client, PsbError } from 'psb-hosting';
import { rejectsWith, requests, reset, TOKEN, URL_ } from './helpers.mjs';

beforeEach(reset);
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const json = (value, status = 200, headers = {}) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

test('the fetch option carries every attempt, with the token and the built request', async () => {
  const seen = [];
  const client = new Client({
    token: TOKEN,
    baseUrl: URL_,
    fetch: (url, init) => {
      seen.push({ url, init });
      return realFetch(url, init);
    },
  });
  const order = (await client.orders.list())[0];
  await client.orders.get(order.id);
  assert.equal(seen.length, 2);
  assert.equal(seen[1].url, `${URL_}/order/${order.id}`);
  assert.equal(seen[1].init.method, 'GET');
  assert.equal(seen[1].init.headers.authorization, TOKEN);
  assert.ok(seen[1].init.signal instanceof AbortSignal);
  assert.equal((await requests('order_get_order_by_id')).length, 1);
});

test('a bare Response from a stub decodes like the real answer', async () => {
  const account = await new Client({ token: TOKEN, baseUrl: URL_ }).account.get();
  const client = new Client({ token: TOKEN, baseUrl: URL_, fetch: async () => json(account) });
  assert.deepEqual(await client.account.get(), account);
});

test('a stubbed global fetch is used, even when it was set after the client was made', async () => {
  const client = new Client({ token: TOKEN, baseUrl: URL_, maxRetries: 0 });
  globalThis.fetch = async () => json({ detail: 'Order not found' }, 404, { 'x-request-id': 'req-42' });
  const e = await rejectsWith(client.orders.get(1), PsbError, 'NotFound', 404);
  assert.equal(e.detail, 'Order not found');
  assert.equal(e.requestId, 'req-42');
});

test('a 503 then a 200 from the stub: retried through fetch, once more', async () => {
  const account = await new Client({ token: TOKEN, baseUrl: URL_ }).account.get();
  let calls = 0;
  const client = new Client({
    token: TOKEN,
    baseUrl: URL_,
    initialBackoff: 1,
    fetch: async () => (++calls === 1 ? json({ detail: 'busy' }, 503) : json(account)),
  });
  assert.deepEqual(await client.account.get(), account);
  assert.equal(calls, 2);
});

test('a fetch that throws rejects with a Connection error whose cause is what it threw', async () => {
  const thrown = new TypeError('stubbed network failure');
  const client = new Client({
    token: TOKEN,
    baseUrl: URL_,
    maxRetries: 0,
    fetch: () => {
      throw thrown;
    },
  });
  const e = await rejectsWith(client.account.get(), PsbError, 'Connection');
  assert.equal(e.cause, thrown);
  assert.match(e.message, /stubbed network failure/);
});

test('a fetch that resolves to something else than a Response rejects, once, never crashes', async () => {
  for (const odd of [undefined, null, 42, {}, { status: 200 }]) {
    let calls = 0;
    const client = new Client({
      token: TOKEN,
      baseUrl: URL_,
      fetch: async () => {
        calls++;
        return odd;
      },
    });
    const e = await rejectsWith(client.account.get(), PsbError, 'Connection');
    assert.match(e.message, /not a Response/);
    assert.equal(calls, 1, 'the same function answers the same way: not retried');
  }
});

test('a status no HTTP answer has is an odd fetch, not a server error', async () => {
  for (const status of [-1, 0, 99, 600, 200.5, Number.NaN]) {
    const client = new Client({
      token: TOKEN,
      baseUrl: URL_,
      fetch: async () => ({ status, headers: new Headers(), arrayBuffer: async () => new ArrayBuffer(0) }),
    });
    const e = await rejectsWith(client.account.get(), PsbError, 'Connection');
    assert.match(e.message, /which no HTTP answer has|not a Response/, `${status}: ${e.message}`);
    assert.equal(e.status, null, String(status));
  }
});

test("a fetch that ignores its signal still ends at the timeout, the call's or the client's", async () => {
  const never = () => new Promise(() => {});
  const stalls = async () =>
    new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"id":')) }));
  for (const [what, options, request] of [
    ['one call with a timeout', { fetch: never }, { timeout: 100 }],
    ['a client with a timeout', { fetch: never, timeout: 100 }, undefined],
    ['a body that never ends', { fetch: stalls, timeout: 100 }, undefined],
  ]) {
    const client = new Client({ token: TOKEN, baseUrl: URL_, maxRetries: 0, ...options });
    const started = performance.now();
    const e = await rejectsWith(client.account.get(request), PsbError, 'Timeout');
    const took = performance.now() - started;
    assert.ok(took >= 90 && took < 2000, `${what}: ${took} ms, ${e.message}`);
  }
});

test("a call's timeout is more than zero; one past setTimeout's range counts as its longest", async () => {
  const client = new Client({ token: TOKEN, baseUrl: URL_ });
  for (const timeout of [0, 1e-12]) {
    await assert.rejects(
      client.account.get({ timeout }),
      (e) => e instanceof PsbError && e.kind === 'InvalidArgument' && /longer than zero/.test(e.message),
      String(timeout),
    );
  }
  // 2^31 ms and more would fire at once, were it passed to setTimeout as it is.
  for (const c of [client, new Client({ token: TOKEN, baseUrl: URL_, timeout: 2 ** 40, deadline: 3e9 })]) {
    assert.equal(typeof (await c.account.get({ timeout: 2 ** 33 })).id, 'number');
  }
});

test('an answer that does not decode keeps its status and request id', async () => {
  const answer = (body) => async () =>
    new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-7' },
    });
  for (const body of ['<html>oops</html>', '{"id": "not a number"}']) {
    const client = new Client({ token: TOKEN, baseUrl: URL_, fetch: answer(body) });
    const e = await rejectsWith(client.account.get(), PsbError, 'Decode', 200);
    assert.equal(e.requestId, 'req-7');
    assert.match(e.message, /^Decode \(200\) on GET \/users\/me/);
  }
  const broken = async () =>
    new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"id":'));
          c.error(new Error('stream broke'));
        },
      }),
      { status: 200, headers: { 'x-request-id': 'req-8' } },
    );
  const client = new Client({ token: TOKEN, baseUrl: URL_, maxRetries: 0, fetch: broken });
  const e = await rejectsWith(client.account.get(), PsbError, 'Connection', 200);
  assert.equal(e.requestId, 'req-8');
});

test('a refused connection says so, with the JS error as its cause', async () => {
  // A port that was just free: nothing listens there.
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  const client = new Client({ token: TOKEN, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
  const e = await rejectsWith(client.account.get(), PsbError, 'Connection');
  assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port} refused the connection`));
  assert.ok(e.cause instanceof TypeError, String(e.cause));
  assert.equal(e.cause.cause?.code, 'ECONNREFUSED');
});

test('the fetch option must be a function', () => {
  assert.throws(
    () => new Client({ token: TOKEN, baseUrl: URL_, fetch: 'fetch' }),
    (e) => e instanceof PsbError && e.kind === 'InvalidArgument' && /fetch option/.test(e.message),
  );
});

test('a TLS failure names the host and is not retried', async () => {
  // The sandbox speaks plain HTTP: a TLS handshake with it fails.
  const https = URL_.replace('http://', 'https://');
  let calls = 0;
  const client = new Client({
    token: TOKEN,
    baseUrl: https,
    maxRetries: 2,
    fetch: (url, init) => {
      calls++;
      return realFetch(url, init);
    },
  });
  const e = await rejectsWith(client.account.get(), PsbError, 'Connection');
  assert.match(e.message, /the TLS handshake with 127\.0\.0\.1 failed/);
  assert.equal(calls, 1, 'the same server fails the same way');
});
