// The fault matrix: each fault the sandbox can inject, and what the package makes of it (the
// SDK's retries, seen from JS): the right PsbError, or a success after a counted number of
// attempts.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Client, PsbError } from 'psb-hosting';
import { fault, rejectsWith, requests, reset, TOKEN, URL_ } from './helpers.mjs';

const client = (options = {}) => new Client({ token: TOKEN, baseUrl: URL_, ...options });
const attempts = async (op) => (await requests(op)).length;
beforeEach(reset);

test('a 503 is retried until it passes', async () => {
  await fault('users_get_data', 2, { type: 'status', status: 503 });
  await client().account.get();
  assert.equal(await attempts('users_get_data'), 3);
});

test('retries stop after maxRetries', async () => {
  await fault('users_get_data', 5, { type: 'status', status: 503, detail: 'maintenance' });
  const e = await rejectsWith(client().account.get(), PsbError, 'Server', 503);
  assert.equal(e.detail, 'maintenance');
  assert.equal(await attempts('users_get_data'), 3, '1 attempt + 2 retries');
  await reset();
  await fault('users_get_data', 1, { type: 'status', status: 503 });
  await rejectsWith(client({ maxRetries: 0 }).account.get(), PsbError, 'Server', 503);
  assert.equal(await attempts('users_get_data'), 1);
});

test('a 503 with Retry-After is retried after the wait, and reports it when it persists', async () => {
  await fault('order_get_user_orders', 1, { type: 'status', status: 503, retry_after: 1 });
  const started = Date.now();
  await client().orders.list();
  assert.ok(Date.now() - started >= 950, `waited only ${Date.now() - started} ms`);
  assert.equal(await attempts('order_get_user_orders'), 2);
  await fault('order_get_user_orders', 1, { type: 'status', status: 503, retry_after: 1 });
  const e = await rejectsWith(client({ maxRetries: 0 }).orders.list(), PsbError, 'Server', 503);
  assert.equal(e.retryAfter, 1);
});

test('rate limited for good reports retryAfter', async () => {
  await fault('order_get_user_orders', 3, { type: 'status', status: 429, retry_after: 0 });
  const e = await rejectsWith(client().orders.list(), PsbError, 'RateLimited', 429);
  assert.equal(e.retryAfter, 0);
});

test('a Cloudflare page is a Server error, not a Decode error', async () => {
  await fault('users_get_data', 3, { type: 'cloudflare', status: 502 });
  await rejectsWith(client().account.get(), PsbError, 'Server', 502);
  assert.equal(await attempts('users_get_data'), 3, '502 is retried');
  await reset();
  await fault('users_get_data', 1, { type: 'cloudflare', status: 520 });
  const e = await rejectsWith(client().account.get(), PsbError, 'Server', 520);
  assert.match(e.detail, /520/);
  assert.equal(await attempts('users_get_data'), 1);
});

test('a slow answer times out and a read is retried', async () => {
  // The core sets the timeout on each request, which wasm's fetch honours.
  await fault('users_get_data', 1, { type: 'latency', ms: 1500 });
  const started = Date.now();
  const me = await client({ timeout: 300 }).account.get();
  assert.equal(me.username, 'user');
  // The slow attempt was abandoned at 300 ms (the sandbox logs it only when it ends, later).
  assert.ok(Date.now() - started < 1400, `took ${Date.now() - started} ms`);
  await fault('users_get_data', 3, { type: 'latency', ms: 1500 });
  await rejectsWith(client({ timeout: 300 }).account.get(), PsbError, 'Timeout');
});

test('a dropped connection is retried for a GET', async () => {
  await fault('order_get_order_by_id', 1, { type: 'drop' });
  await client().orders.get(25284);
  assert.equal(await attempts('order_get_order_by_id'), 2);
});

test('a POST whose connection drops is not repeated', async () => {
  const c = client();
  const before = (await c.orders.list()).length;
  const product = await c.products.get(175);
  await fault('order_new_order', 1, { type: 'drop' });
  await rejectsWith(
    c.orders.create({
      product_id: 175,
      payment: 'Balance',
      os: product.os[0].id,
      control_panel: product.control_panel[0].id,
    }),
    PsbError,
    'Connection',
    null,
  );
  assert.equal(await attempts('order_new_order'), 1, 'an order is never sent twice');
  assert.equal((await c.orders.list()).length, before + 1);
});

test('nothing listening is a Connection error', async () => {
  const c = new Client({ token: 't', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
  await rejectsWith(c.account.get(), PsbError, 'Connection', null);
});

test('a truncated body is retried for a GET', async () => {
  await fault('order_get_user_orders', 1, { type: 'truncate' });
  await client().orders.list();
  assert.equal(await attempts('order_get_user_orders'), 2);
});

test('malformed JSON is a Decode error, not retried', async () => {
  await fault('users_get_data', 1, { type: 'malformed_json' });
  await rejectsWith(client().account.get(), PsbError, 'Decode', null);
  assert.equal(await attempts('users_get_data'), 1);
});

test('a multipart POST is not repeated after a 503', async () => {
  await fault('chats_create_chat_message', 1, { type: 'status', status: 503 });
  await rejectsWith(client().chats.send(51, { text: 'hello' }), PsbError, 'Server', 503);
  assert.equal(await attempts('chats_create_chat_message'), 1);
});

test('PUTs are retried', async () => {
  await fault('server_change_port', 1, { type: 'status', status: 502 });
  await client().servers.changePort(25284, 2200);
  assert.equal(await attempts('server_change_port'), 2);
});

test('an error in the middle of a walk ends it with a PsbError', async () => {
  await fault('payment_get_all', 1, { type: 'status', status: 404, detail: 'gone' });
  const seen = [];
  const e = await rejectsWith(
    (async () => {
      for await (const p of client().payments.iter({ pageSize: 2 })) seen.push(p);
    })(),
    PsbError,
    'NotFound',
    404,
  );
  assert.equal(e.detail, 'gone');
  assert.equal(seen.length, 0);
});

test('maxRetryAfter caps the Retry-After the client waits out', async () => {
  await fault('order_get_user_orders', 1, { type: 'status', status: 503, retry_after: 5 });
  const started = Date.now();
  const e = await rejectsWith(client({ maxRetryAfter: 100 }).orders.list(), PsbError, 'Server', 503);
  assert.ok(Date.now() - started < 2000, `waited ${Date.now() - started} ms`);
  assert.equal(e.retryAfter, 5);
  assert.equal(await attempts('order_get_user_orders'), 1);
});
