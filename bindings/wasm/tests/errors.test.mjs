// Each kind of error as the sandbox really produces it, as a PsbError; and the arguments
// refused before anything is sent.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Client, PsbError } from 'psb-hosting';
import { OTHER_TOKEN, rejectsWith, requests, reset, TOKEN, URL_ } from './helpers.mjs';

const client = (token = TOKEN) => new Client({ token, baseUrl: URL_ });
beforeEach(reset);

test('a wrong or missing token is Unauthorized, but the catalog is public', async () => {
  const e = await rejectsWith(client('not-a-token').account.get(), PsbError, 'Unauthorized', 401);
  assert.ok(e.detail.length > 0);
  assert.equal(e.operation, 'users_get_data');
  assert.equal(e.name, 'PsbError');
  assert.match(e.message, /Unauthorized \(401\) on GET \/users\/me/);
  assert.ok(e.stack);
  const anonymous = new Client({ baseUrl: URL_ });
  await rejectsWith(anonymous.orders.list(), PsbError, 'Unauthorized', 401);
  assert.ok((await anonymous.products.list()).length > 0);
  assert.ok((await anonymous.recipes.list()).length > 0);
});

test("another user's objects are NotFound", async () => {
  const other = client(OTHER_TOKEN);
  for (const call of [
    () => other.orders.get(25284),
    () => other.servers.restart(25284),
    () => other.tickets.get(51),
    () => other.chats.messages(51),
  ]) {
    await rejectsWith(call(), PsbError, 'NotFound', 404);
  }
  assert.ok((await other.orders.list()).every((o) => o.id !== 25284));
  const e = await rejectsWith(client().orders.get(999_999), PsbError, 'NotFound', 404);
  assert.equal(e.operation, 'order_get_order_by_id');
  assert.equal(e.retryAfter, null);
  assert.deepEqual(e.validation, []);
});

test("invalid input is a Validation error with FastAPI's details", async () => {
  const e = await rejectsWith(
    client().orders.create({ product_id: 175, payment: 'Balance' }),
    PsbError,
    'Validation',
    422,
  );
  assert.ok(e.validation.length > 0);
  assert.ok(
    e.validation.some((i) => i.loc.includes('os')),
    JSON.stringify(e.validation),
  );
  assert.ok(e.validation.every((i) => typeof i.msg === 'string' && typeof i.type === 'string'));
});

test('a balance too low is a BadRequest and buys nothing', async () => {
  const c = client();
  const before = (await c.orders.list()).length;
  const product = await c.products.get(175);
  const order = {
    product_id: 175,
    payment: 'Balance',
    os: product.os[0].id,
    control_panel: product.control_panel[0].id,
  };
  let bought = 0;
  let err;
  for (;;) {
    try {
      await c.orders.create(order);
      bought += 1;
      assert.ok(bought < 1000, 'the balance never ran out');
    } catch (e) {
      err = e;
      break;
    }
  }
  assert.ok(err instanceof PsbError);
  assert.equal(err.kind, 'BadRequest');
  assert.equal(err.status, 400);
  assert.match(err.detail.toLowerCase(), /balance/);
  assert.equal((await c.orders.list()).length, before + bought);
  const pending = await c.orders.create({ ...order, payment: 'Heleket' });
  assert.ok(pending.payment_url);
  assert.equal(pending.order.status, 'AwaitingPayment');
});

test('actions on a deleted order Conflict', async () => {
  const c = client();
  await c.orders.terminate(25284);
  await rejectsWith(c.servers.start(25284), PsbError, 'Conflict', 409);
  await rejectsWith(c.orders.prolong(25284), PsbError, 'Conflict', 409);
});

test('bad arguments are refused before sending', async () => {
  const c = client();
  const calls = [
    () => c.tickets.list({ pageSize: 11 }),
    () => c.tickets.list({ page: 0 }),
    () => c.payments.list({ pageSize: 1001 }),
    () => c.payments.list({ pageSize: 0 }),
    () => c.chats.messages(51, { limit: 101 }),
    () => c.servers.changePort(25284, 0),
    () => c.servers.changePort(25284, 65536),
    () => c.servers.changePassword(25284, ''),
    () => c.servers.addPtr(25284, '', 'x.example.com'),
    () => c.servers.updatePtr(25284, '1.1.1.1', 'not a host!'),
    () => c.chats.send(51),
    () => c.tickets.create({ title: ' ', department: 'Отдел продаж', message: 'hi' }),
    () => c.orders.create({ product_id: 0, payment: 'Balance' }),
    () =>
      c.chats.send(51, {
        text: 'hi',
        attachments: [{ file_name: 'x.bin', content_type: 'not a type', content: new Uint8Array([1]) }],
      }),
  ];
  const errors = [];
  for (const call of calls) errors.push(await rejectsWith(call(), PsbError, 'InvalidArgument', null));
  assert.match(errors[0].detail, /page_size/);
  assert.match(errors[0].detail, /10/);
  for (const op of [
    'tickets_get_ticket_list',
    'payment_get_all',
    'chats_get_chat_messages_by_id',
    'server_change_port',
    'server_change_password',
    'server_add_ptr_record_to_ip',
    'server_update_ptr_record_to_ip',
    'chats_create_chat_message',
    'tickets_create_ticket',
    'order_new_order',
  ]) {
    assert.deepEqual(await requests(op), [], `${op} was sent`);
  }
});

test('JS values that do not convert are InvalidArgument PsbErrors', async () => {
  const c = client();
  await rejectsWith(c.orders.get(1.5), PsbError, 'InvalidArgument');
  await rejectsWith(c.orders.get(Number.NaN), PsbError, 'InvalidArgument');
  await rejectsWith(c.orders.create({ product_id: 'x', payment: 'Balance' }), PsbError, 'InvalidArgument');
  await rejectsWith(c.orders.create({ product_id: 175, payment: 'Cash' }), PsbError, 'InvalidArgument');
  await rejectsWith(c.payments.list({ sortBy: 'amount' }), PsbError, 'InvalidArgument');
  // JSON would make these null (an absent option): they are refused instead.
  const e = await rejectsWith(c.payments.list({ pageSize: Number.NaN }), PsbError, 'InvalidArgument');
  assert.match(e.message, /payments.list options: pageSize is NaN/);
  assert.throws(
    () => new Client({ token: TOKEN, baseUrl: URL_, timeout: Infinity }),
    (e) => e instanceof PsbError && e.kind === 'InvalidArgument' && /timeout is Infinity/.test(e.message),
  );
  assert.throws(
    () => new Client({ token: TOKEN, baseUrl: URL_, maxRetries: 10n }),
    (e) => e instanceof PsbError && e.kind === 'InvalidArgument',
  );
  await rejectsWith(
    c.chats.send(51, { text: 'hi', attachments: [{ content: new Uint8Array([1]) }] }),
    PsbError,
    'InvalidArgument',
  );
  await rejectsWith(
    c.chats.send(51, { text: 'hi', attachments: [{ file_name: 'a', content: 'text' }] }),
    PsbError,
    'InvalidArgument',
  );
  await rejectsWith(c.chats.send(51, { text: 'hi', attachments: 'a file' }), PsbError, 'InvalidArgument');
  await rejectsWith(c.servers.waitForStatus(25284, 'Active', { timeout: -1 }), PsbError, 'InvalidArgument');
  assert.throws(() => c.chats.iterMessages(0.5), PsbError);
});

test('waitForStatus times out with the last state seen', async () => {
  const e = await rejectsWith(
    client().servers.waitForStatus(25284, 'Stopped', { timeout: 300 }),
    PsbError,
    'Timeout',
    null,
  );
  assert.match(e.detail, /Stopped|Остановлена/);
  assert.match(e.detail, /last seen/);
});

test('a misspelt vocabulary value is refused at once, not waited out', async () => {
  const c = client();
  await rejectsWith(
    c.servers.waitForStatus(25284, 'Actve', { timeout: 30_000 }),
    PsbError,
    'InvalidArgument',
  );
  await rejectsWith(c.products.list({ types: ['PsbVsp'] }), PsbError, 'InvalidArgument');
  const vps = await c.products.list({ types: ['PsbVps'] });
  assert.deepEqual([...new Set(vps.map((p) => p.type))], ['PsbVps']);
});
