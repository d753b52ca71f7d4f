// Faults beyond the shared scenarios (tests/scenarios/cases.json holds the fault matrix, run
// here too): nothing listening, the maxRetryAfter option in milliseconds, a lost write's window.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Client, PsbError } from 'psb-hosting';
import { fault, rejectsWith, requests, reset, TOKEN, URL_ } from './helpers.mjs';

const client = (options = {}) => new Client({ token: TOKEN, baseUrl: URL_, ...options });
const attempts = async (op) => (await requests(op)).length;
beforeEach(reset);

test('nothing listening is a Connection error', async () => {
  const c = new Client({ token: 't', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
  await rejectsWith(c.account.get(), PsbError, 'Connection', null);
});

test('maxRetryAfter caps the Retry-After the client waits out', async () => {
  await fault('order_get_user_orders', 1, { type: 'status', status: 503, retry_after: 5 });
  const started = Date.now();
  const e = await rejectsWith(client({ maxRetryAfter: 100 }).orders.list(), PsbError, 'Server', 503);
  assert.ok(Date.now() - started < 2000, `waited ${Date.now() - started} ms`);
  assert.equal(e.retryAfter, 5);
  assert.equal(await attempts('order_get_user_orders'), 1);
});

test("a call's own timeout sets how long its lost write is looked for", async () => {
  // The sandbox answers after 3 s, then places the order: the 200 ms attempt times out, and the
  // order is looked for twice 200 ms, at least 2 s (the client's 60 s timeout would give 20 s,
  // and find it).
  await fault('order_new_order', 1, { type: 'latency', ms: 3000 });
  const started = performance.now();
  const placing = client({ maxRetries: 0 }).orders.create(
    { product_id: 175, payment: 'Balance', os: 1 },
    { timeout: 200 },
  );
  // Unknown, not found: looked for less than the 3 s the order takes to land.
  await rejectsWith(placing, PsbError, 'OutcomeUnknown');
  // It lands at 3 s: waited for here, so that it does not fall into the next test.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3300 - (performance.now() - started))));
});
