// A server password as JS shows it: a Secret that prints `***` in console.log, util.inspect,
// String() and JSON.stringify, and gives its value only through expose().

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { Client } from 'psb-hosting';
import { reset, TOKEN, URL_ } from './helpers.mjs';

test('a server password is a Secret that never prints', async () => {
  await reset();
  const client = new Client({ token: TOKEN, baseUrl: URL_ });
  const detail = await client.orders.get(25284);
  // The value the server sent, read without the SDK.
  const raw = await (await fetch(`${URL_}/order/25284`, { headers: { authorization: TOKEN } })).json();
  const password = raw.issued_order.password;
  assert.ok(typeof password === 'string' && password.length > 3, JSON.stringify(raw.issued_order));

  const secret = detail.issued_order.password;
  assert.equal(secret.expose(), password);
  assert.equal(String(secret), '***');
  assert.equal(`${secret}`, '***');
  for (const shown of [inspect(detail, { depth: 10 }), JSON.stringify(detail), inspect(secret)]) {
    assert.ok(!shown.includes(password), shown);
  }
  assert.ok(inspect(detail, { depth: 10 }).includes('password: ***'), inspect(detail, { depth: 10 }));
  assert.equal(JSON.parse(JSON.stringify(detail)).issued_order.password, '***');
  // Everything else is plain data, as before.
  assert.equal(detail.order_data.id, 25284);
  assert.equal(typeof detail.issued_order.ip, 'string');

  // Inside a list too: each issued order's password, at any depth of the answer.
  const listed = (await client.orders.list()).filter((o) => o.issued_order?.password !== undefined);
  assert.ok(listed.length > 0, 'the sandbox lists issued orders');
  for (const order of listed) {
    assert.equal(String(order.issued_order.password), '***');
    assert.equal(typeof order.issued_order.password.expose(), 'string');
  }
  assert.equal(listed.find((o) => o.id === 25284)?.issued_order.password.expose(), password);
});

test('an answer without a secret is plain JSON data', async () => {
  const client = new Client({ token: TOKEN, baseUrl: URL_ });
  const orders = await client.orders.list();
  assert.ok(orders.length > 0 && Object.getPrototypeOf(orders[0]) === Object.prototype);
});

test('console.log shows a client by its base URL and a resource by its name, no wasm handle', async () => {
  const c = new Client({ token: 'sandbox-token', baseUrl: 'http://127.0.0.1:1' });
  assert.equal(inspect(c), 'Client(http://127.0.0.1:1)');
  assert.equal(inspect(c.orders), 'Orders {}');
  assert.doesNotMatch(inspect({ c, o: c.orders }), /__wbg_ptr|sandbox-token/);
});
