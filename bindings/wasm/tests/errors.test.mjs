// PsbError as JS shows it: name, stack, message, FastAPI's details, and JS values that do not
// convert. The errors the sandbox produces are shared scenarios (tests/scenarios/cases.json).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import { Client, NotFoundError, PsbError, UnauthorizedError } from 'psb-hosting';
import { rejectsWith, requests, reset, TOKEN, URL_ } from './helpers.mjs';

// Every export, to look the classes up by the table's kinds.
const psb = await import('psb-hosting');
const client = (token = TOKEN) => new Client({ token, baseUrl: URL_ });
beforeEach(reset);

test('a PsbError is an Error with a stack, naming the call', async () => {
  const e = await rejectsWith(client('not-a-token').account.get(), PsbError, 'Unauthorized', 401);
  assert.ok(e instanceof Error);
  assert.ok(e instanceof UnauthorizedError);
  assert.ok(e.detail.length > 0);
  assert.equal(e.name, 'UnauthorizedError');
  assert.match(e.message, /Unauthorized \(401\) on GET \/users\/me/);
  assert.ok(e.stack);
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

test('JS values that do not convert are InvalidArgument PsbErrors', async () => {
  const c = client();
  await rejectsWith(c.orders.get(1.5), PsbError, 'InvalidArgument');
  await rejectsWith(c.orders.get(Number.NaN), PsbError, 'InvalidArgument');
  await rejectsWith(c.orders.create({ product_id: 'x', payment: 'Balance' }), PsbError, 'InvalidArgument');
  await rejectsWith(c.orders.create({ product_id: 175, payment: 'Cash' }), PsbError, 'InvalidArgument');
  await rejectsWith(c.payments.list({ sort_by: 'amount' }), PsbError, 'InvalidArgument');
  // JSON would make these null (an absent option): they are refused instead.
  const e = await rejectsWith(c.payments.list({ page_size: Number.NaN }), PsbError, 'InvalidArgument');
  assert.match(e.message, /payments.list options: page_size is NaN/);
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
  await rejectsWith(
    c.chats.send(51, {
      text: 'hi',
      attachments: [{ file_name: 'x.bin', content_type: 'not a type', content: new Uint8Array([1]) }],
    }),
    PsbError,
    'InvalidArgument',
    null,
  );
  assert.deepEqual(await requests('chats_create_chat_message'), [], 'nothing was sent');
});

test('each kind has its class under PsbError, with the same name', async () => {
  const table = JSON.parse(readFileSync(process.env.PSB_SURFACE, 'utf8'));
  for (const { kind } of table.errors) {
    const cls = psb[`${kind}Error`];
    assert.equal(typeof cls, 'function', `psb-hosting exports no ${kind}Error`);
    assert.ok(cls.prototype instanceof PsbError, `${kind}Error extends PsbError`);
    assert.equal(cls.prototype.name, `${kind}Error`);
  }
  const e = await rejectsWith(client().orders.get(987654), NotFoundError, 'NotFound', 404);
  assert.ok(e instanceof PsbError);
  assert.match(String(e), /^NotFoundError: NotFound \(404\) on GET \/order\/987654: /);
});

test('a stack in the format of Safari and Firefox (no header line) keeps its first frame', async () => {
  const capture = Error.captureStackTrace;
  // What JavaScriptCore writes: frames only, as `function@url:line:column`.
  Error.captureStackTrace = (target) => {
    target.stack = 'placeOfTheCall@file:///app/main.js:3:54\nmain@file:///app/main.js:9:13';
  };
  let pending;
  try {
    pending = client().orders.get(987654);
  } finally {
    Error.captureStackTrace = capture;
  }
  const e = await rejectsWith(pending, NotFoundError, 'NotFound');
  assert.deepEqual(e.stack.split('\n').slice(1), [
    'placeOfTheCall@file:///app/main.js:3:54',
    'main@file:///app/main.js:9:13',
  ]);
});

test('without Error.captureStackTrace a call still fails with its caller in the stack', async () => {
  const capture = Error.captureStackTrace;
  async function placeOfTheCall() {
    return client().orders.get(987654);
  }
  let pending;
  try {
    delete Error.captureStackTrace;
    pending = placeOfTheCall();
  } finally {
    Error.captureStackTrace = capture;
  }
  const e = await rejectsWith(pending, NotFoundError, 'NotFound');
  assert.match(e.stack.split('\n')[1], /placeOfTheCall .*errors\.test\.mjs:\d+:\d+/, e.stack);
});

test("a page walk's failure shows the line of the loop", async () => {
  async function walkTheTickets() {
    for await (const _ of client('no-such-token').tickets.iter()) {
      // never reached
    }
  }
  const e = await rejectsWith(walkTheTickets(), UnauthorizedError, 'Unauthorized');
  assert.match(e.stack.split('\n')[1], /walkTheTickets .*errors\.test\.mjs:\d+:\d+/, e.stack);
});

test("a failed call's stack shows the caller's line, not the wasm module's frames", async () => {
  async function placeOfTheCall() {
    return client().orders.get(987654);
  }
  const e = await rejectsWith(placeOfTheCall(), NotFoundError, 'NotFound');
  const frames = e.stack.split('\n').slice(1);
  assert.match(frames[0], /placeOfTheCall .*errors\.test\.mjs:\d+:\d+/, e.stack);
  assert.ok(!/wasm|psb_wasm\.js|snippets/.test(e.stack), e.stack);
});

test('an argument refused at once has its caller on top of the stack too', () => {
  function placeOfTheCall() {
    return client().chats.iterMessages(0.5);
  }
  assert.throws(placeOfTheCall, (e) => {
    assert.ok(e instanceof PsbError && e.kind === 'InvalidArgument', String(e));
    assert.match(e.stack.split('\n')[1], /placeOfTheCall .*errors\.test\.mjs:\d+:\d+/, e.stack);
    assert.ok(!/wasm|psb_wasm\.js|snippets/.test(e.stack), e.stack);
    return true;
  });
});
