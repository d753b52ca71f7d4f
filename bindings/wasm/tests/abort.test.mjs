// AbortSignal: `client.withSignal(signal)` gives a client whose calls and page walks stop when
// the signal aborts, rejecting with the signal's reason as fetch does.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Client } from 'psb-hosting';
import { fault, requests, reset, TOKEN, URL_ } from './helpers.mjs';

const client = () => new Client({ token: TOKEN, baseUrl: URL_ });
beforeEach(reset);

test('aborting stops a slow call at once, and the client without the signal is unaffected', async () => {
  await fault('order_get_user_orders', 1, { type: 'latency', ms: 1500 });
  const base = client();
  const controller = new AbortController();
  const c = base.withSignal(controller.signal);
  const started = Date.now();
  const call = c.orders.list();
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(call, (e) => e.name === 'AbortError');
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  assert.ok((await base.orders.list()).length > 0);
  await assert.rejects(c.account.get(), (e) => e.name === 'AbortError');
});

test('AbortSignal.timeout gives a per-client deadline', async () => {
  await fault('users_get_data', 1, { type: 'latency', ms: 1500 });
  const c = client().withSignal(AbortSignal.timeout(200));
  await assert.rejects(c.account.get(), (e) => e.name === 'TimeoutError');
});

test('a signal aborted before the call sends nothing', async () => {
  const controller = new AbortController();
  controller.abort(new Error('changed my mind'));
  const c = client().withSignal(controller.signal);
  await assert.rejects(c.orders.create({ product_id: 175, payment: 'Balance', os: 1 }), /changed my mind/);
  await assert.rejects(c.chats.send(51, { text: 'hi' }), /changed my mind/);
  assert.deepEqual(await requests('order_new_order'), []);
  assert.deepEqual(await requests('chats_create_chat_message'), []);
});

test('aborting ends a page walk', async () => {
  const controller = new AbortController();
  const seen = [];
  await assert.rejects(
    (async () => {
      for await (const p of client().withSignal(controller.signal).payments.iter({ page_size: 1 })) {
        seen.push(p);
        if (seen.length === 2) controller.abort();
      }
    })(),
    (e) => e.name === 'AbortError',
  );
  assert.equal(seen.length, 2);
});
