// Walks as JS has them: lazy async iterators that `break` stops, and more than one page of chat
// messages (list and iter themselves are shared scenarios, tests/scenarios/cases.json).

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Client } from 'psb-hosting';
import { requests, reset, TOKEN, URL_ } from './helpers.mjs';

const client = () => new Client({ token: TOKEN, baseUrl: URL_ });
beforeEach(reset);

test('iter is lazy, and break stops it', async () => {
  const it = client().payments.iter({ page_size: 1 });
  assert.equal(typeof it[Symbol.asyncIterator], 'function');
  for await (const p of it) {
    assert.equal(typeof p.id, 'number');
    break;
  }
  assert.equal((await requests('payment_get_all')).length, 1, 'only the first page was fetched');
  assert.deepEqual(await it.next(), { done: true, value: undefined });
  const fresh = client().payments.iter();
  const one = await fresh.next();
  assert.equal(one.done, false);
});

test("next() called again before the last one settled waits for it, as a generator's would", async () => {
  const all = [];
  for await (const p of client().payments.iter({ page_size: 2 })) all.push(p.id);
  assert.ok(all.length >= 3, `${all.length} payments`);
  const it = client().payments.iter({ page_size: 2 });
  const three = await Promise.all([it.next(), it.next(), it.next()]);
  assert.deepEqual(
    three.map((r) => r.value.id),
    all.slice(0, 3),
  );
  // A return() while a next() runs: that next() keeps its item, and the walk is over.
  const stopped = client().payments.iter({ page_size: 2 });
  const [first, end] = await Promise.all([stopped.next(), stopped.return()]);
  assert.equal(first.value.id, all[0]);
  assert.deepEqual(end, { done: true, value: undefined });
  assert.deepEqual(await stopped.next(), { done: true, value: undefined });
});

test('chat messages by offset', async () => {
  const c = client();
  const before = (await c.chats.messages(51, { limit: 100, offset: 0 })).length;
  for (let i = 0; i < 120; i++) await c.chats.send(51, { text: `message ${i}` });
  const all = [];
  for await (const m of c.chats.iterMessages(51)) all.push(m);
  assert.equal(all.length, before + 120);
  assert.equal(new Set(all.map((m) => m.id)).size, all.length);
  const second = await c.chats.messages(51, { limit: 100, offset: 100 });
  assert.equal(second.length, before + 20);
});

test('a walk page by page: arrays, the same items, and only before it starts', async () => {
  const items = [];
  for await (const p of client().payments.iter({ page_size: 2 })) items.push(p.id);
  const pages = [];
  for await (const page of client().payments.iter({ page_size: 2 }).pages()) pages.push(page);
  assert.ok(pages.length >= 2, `${pages.length} pages`);
  assert.ok(pages.every((p) => Array.isArray(p) && p.length >= 1 && p.length <= 2));
  assert.deepEqual(
    pages.flat().map((p) => p.id),
    items,
  );
  const started = client().payments.iter({ page_size: 2 });
  await started.next();
  assert.throws(
    () => started.pages(),
    (e) => e.kind === 'InvalidArgument',
  );
});
