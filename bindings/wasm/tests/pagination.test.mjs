// `list` returns one page; `iter` walks them all lazily with `for await`.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Client } from 'psb-hosting';
import { requests, reset, TOKEN, URL_ } from './helpers.mjs';

const client = () => new Client({ token: TOKEN, baseUrl: URL_ });
beforeEach(reset);

test('payments page by page', async () => {
  const c = client();
  const first = await c.payments.list({ pageSize: 2, sortBy: 'id', sortOrder: 'DESC' });
  assert.equal(first.page, 1);
  assert.equal(first.size, 2);
  assert.ok(first.pages >= 2);
  assert.ok(first.items[0].id > first.items[1].id, 'sorted by id, descending');
  await reset();
  const all = [];
  for await (const p of c.payments.iter({ pageSize: 2 })) all.push(p);
  assert.equal(all.length, first.total);
  assert.equal(new Set(all.map((p) => p.id)).size, all.length, 'no payment twice');
  assert.equal(
    (await requests('payment_get_all')).length,
    first.pages,
    'one request per page, none after the last',
  );
});

test('iter is lazy, and break stops it', async () => {
  const it = client().payments.iter({ pageSize: 1 });
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

test('tickets across pages', async () => {
  const c = client();
  const page = await c.tickets.list({ page: 1, pageSize: 3 });
  assert.ok(page.pages > 1);
  const all = [];
  for await (const t of c.tickets.iter({ pageSize: 3 })) all.push(t);
  assert.equal(all.length, page.total);
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
