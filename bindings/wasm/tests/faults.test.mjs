// Faults beyond the shared scenarios (tests/scenarios/cases.json holds the fault matrix, run
// here too): nothing listening, and the maxRetryAfter option in milliseconds.

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
