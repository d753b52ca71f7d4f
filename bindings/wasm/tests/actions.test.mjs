// Server actions return a handle whose wait() settles with the action's own history entry.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, PsbError } from 'psb-hosting';
import { reset, TOKEN, URL_ } from './helpers.mjs';

const client = () => new Client({ token: TOKEN, baseUrl: URL_ });

test('a restart is waited for until it is over', async () => {
  await reset();
  const c = client();
  const before = Math.max(...(await c.servers.history(25284)).map((h) => h.id));
  const restart = await c.servers.restart(25284);
  assert.equal(restart.orderId, 25284);
  assert.equal(restart.action, 'host_restart');
  assert.ok(restart.message.length > 0);
  // The server reads Active while the restart is pending.
  const pending = (await c.servers.history(25284)).filter((h) => h.id > before);
  assert.deepEqual(
    pending.map((h) => h.state),
    ['Pending'],
  );
  const entry = await restart.wait({ timeout: 10_000 });
  assert.equal(entry.state, 'Complete');
  assert.equal(entry.id, pending[0].id);
  assert.match(String(restart), /^ServerAction\(orderId=25284, action=host_restart, message=.+\)$/);
});

test('a wait that runs out rejects with a Timeout naming the state', async () => {
  await reset();
  const restart = await client().servers.restart(25284);
  await assert.rejects(restart.wait({ timeout: 1 }), (e) => {
    assert.ok(e instanceof PsbError);
    assert.equal(e.kind, 'Timeout');
    assert.match(e.message, /host_restart on order 25284 did not finish .*last seen/);
    return true;
  });
  await assert.rejects(
    restart.wait({ timeout: -1 }),
    (e) => e instanceof PsbError && e.kind === 'InvalidArgument',
  );
});
