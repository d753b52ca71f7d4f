// The client: options, fromEnv, and the token that never shows.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { Client, PsbError } from 'psb-hosting';
import { requests, reset, TOKEN, URL_ } from './helpers.mjs';

test('the token never shows through JSON.stringify, console.log or String', async () => {
  const secret = 'very-secret-token-123';
  const client = new Client({ token: secret, baseUrl: URL_ });
  for (const shown of [
    JSON.stringify(client),
    inspect(client, { showHidden: true, depth: 5 }),
    String(client),
    JSON.stringify(client.orders),
    inspect(client.orders, { showHidden: true, depth: 5 }),
    JSON.stringify(Object.getOwnPropertyNames(client).map((k) => String(client[k]))),
  ]) {
    assert.ok(!shown.includes(secret), shown);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(client)), { baseUrl: URL_ });
  assert.equal(client.baseUrl, URL_);
  // ...and an error from a call with it does not quote it either.
  try {
    await client.account.get();
    assert.fail('the token is wrong');
  } catch (e) {
    assert.ok(!inspect(e).includes(secret) && !JSON.stringify(e).includes(secret));
  }
});

test('the token goes as-is in Authorization, with the user agent', async () => {
  await reset();
  const client = new Client({ token: TOKEN, baseUrl: URL_, userAgent: 'my-app/1.0' });
  assert.equal((await client.account.get()).username, 'user');
  const [r] = await requests('users_get_data');
  assert.equal(r.authorization, '[redacted]');
});

test('fromEnv reads PSB_API_TOKEN and PSB_API_URL', async () => {
  process.env.PSB_API_TOKEN = TOKEN;
  process.env.PSB_API_URL = URL_;
  const client = Client.fromEnv();
  assert.equal(client.baseUrl, URL_);
  assert.equal((await client.account.get()).username, 'user');
  delete process.env.PSB_API_TOKEN;
  assert.throws(
    () => Client.fromEnv(),
    (e) => e instanceof PsbError && e.kind === 'InvalidArgument',
  );
});

test('wrong options throw InvalidArgument', () => {
  const invalid = (e) =>
    e instanceof PsbError && e instanceof Error && e.kind === 'InvalidArgument' && e.status === null;
  assert.throws(() => new Client({ token: 't', baseUrl: 'http://api.example.com' }), invalid);
  assert.equal(
    new Client({ token: 't', baseUrl: 'http://api.example.com', allowInsecureHttp: true }).baseUrl,
    'http://api.example.com',
  );
  assert.throws(() => new Client({ token: 't', baseUrl: 'not a url' }), invalid);
  assert.throws(() => new Client({ token: '' }), invalid);
  assert.throws(() => new Client({ token: 'a\nb' }), invalid);
  assert.throws(() => new Client({ token: 't', timeout: -5 }), invalid);
  assert.throws(() => new Client({ token: 't', maxRetries: 'many' }), invalid);
  assert.throws(() => new Client({ token: 't', maxBackoff: -1 }), invalid);
  // A misspelt (or renamed) option is refused by name, not ignored.
  assert.throws(
    () => new Client({ token: 't', timeoutMs: 5 }),
    (e) => invalid(e) && /unknown field `timeoutMs`/.test(e.message),
  );
  assert.equal(new Client().baseUrl, 'https://backend.psb.hosting');
  assert.equal(new Client({ baseUrl: 'http://localhost:1/' }).baseUrl, 'http://localhost:1');
});

test('a missing value is undefined, never null, as the types say (`field?: T`)', async () => {
  await reset();
  const c = new Client({ token: TOKEN, baseUrl: URL_ });
  const nulls = [];
  const walk = (v, path) => {
    if (v === null) nulls.push(path);
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  // Orders and messages have fields the sandbox leaves empty (domain, date_end, text...).
  walk(await c.orders.list(), 'orders');
  walk(await c.orders.get(25284), 'order');
  walk(await c.chats.messages(51), 'messages');
  walk(await c.payments.list(), 'payments');
  walk(await c.servers.history(25284), 'history');
  assert.deepEqual(nulls, []);
});

test('defaultHeaders go with every request', async () => {
  await reset();
  const c = new Client({ token: TOKEN, baseUrl: URL_, defaultHeaders: { 'X-Trace': 'trace-js' } });
  await c.account.get();
  const [seen] = await requests('users_get_data');
  assert.equal(seen.extra_headers['x-trace'], 'trace-js');
  assert.equal(seen.authorization, '[redacted]');
  assert.throws(
    () => new Client({ defaultHeaders: { 'bad name': 'v' } }),
    (e) => e.kind === 'InvalidArgument' && /bad name/.test(e.message),
  );
});
