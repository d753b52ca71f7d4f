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

test("the signal reaches fetch: an abort closes the attempt's connection", async () => {
  await fault('users_get_data', 1, { type: 'latency', ms: 1500 });
  const signals = [];
  const base = new Client({
    token: TOKEN,
    baseUrl: URL_,
    fetch: (url, init) => {
      signals.push(init.signal);
      return fetch(url, init);
    },
  });
  const controller = new AbortController();
  const call = base.withSignal(controller.signal).account.get();
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(call, (e) => e.name === 'AbortError');
  assert.equal(signals.length, 1);
  assert.equal(signals[0].aborted, true);
  assert.equal(signals[0].reason, controller.signal.reason);
});

test('a call takes its own { signal, timeout } as its last argument', async () => {
  await fault('order_get_user_orders', 1, { type: 'latency', ms: 1500 });
  const c = client();
  const controller = new AbortController();
  const call = c.orders.list({ signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(call, (e) => e.name === 'AbortError');
  assert.ok((await c.orders.list()).length > 0, 'the client itself has no signal');

  await fault('users_get_data', 1, { type: 'latency', ms: 1500 });
  const started = Date.now();
  const quick = new Client({ token: TOKEN, baseUrl: URL_, maxRetries: 0 });
  await assert.rejects(quick.account.get({ timeout: 200 }), (e) => e.kind === 'Timeout');
  assert.ok(Date.now() - started < 1200, `took ${Date.now() - started} ms`);

  const walk = new AbortController();
  walk.abort();
  const it = c.payments.iter({ page_size: 1 }, { signal: walk.signal });
  await assert.rejects(it.next(), (e) => e.name === 'AbortError');
});

test('request options are checked like every options object', async () => {
  const c = client();
  await assert.rejects(
    c.orders.get(1, { tiemout: 5 }),
    (e) => e.kind === 'InvalidArgument' && /tiemout/.test(e.message),
  );
  await assert.rejects(
    c.account.get({ signal: 'stop' }),
    (e) => e.kind === 'InvalidArgument' && /AbortSignal/.test(e.message),
  );
  await assert.rejects(c.account.get({ timeout: -1 }), (e) => e.kind === 'InvalidArgument');
  assert.deepEqual(await requests('order_get_order_by_id'), []);
});

test("a call's own signal and its client's both stop it", async () => {
  await fault('users_get_data', 2, { type: 'latency', ms: 1500 });
  const fromClient = new AbortController();
  const call = client().withSignal(fromClient.signal).account.get({ signal: new AbortController().signal });
  setTimeout(() => fromClient.abort(), 100);
  await assert.rejects(call, (e) => e.name === 'AbortError');
  const own = new AbortController();
  const second = client().withSignal(new AbortController().signal).account.get({ signal: own.signal });
  setTimeout(() => own.abort(), 100);
  await assert.rejects(second, (e) => e.name === 'AbortError');
});
