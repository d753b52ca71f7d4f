// Server action handles as JS shows them (the waits are shared scenarios,
// tests/scenarios/cases.json): a handle's fields and string form, a wait's timeout checked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, PsbError } from 'psb-hosting';
import { reset, TOKEN, URL_ } from './helpers.mjs';

const client = () => new Client({ token: TOKEN, baseUrl: URL_ });

test('a handle has camelCase fields and a string form, and its wait checks the timeout', async () => {
  await reset();
  const restart = await client().servers.restart(25284);
  assert.equal(restart.orderId, 25284);
  assert.equal(restart.action, 'host_restart');
  assert.match(String(restart), /^ServerAction\(orderId=25284, action=host_restart, message=.+\)$/);
  await assert.rejects(
    restart.wait({ timeout: -1 }),
    (e) => e instanceof PsbError && e.kind === 'InvalidArgument',
  );
  assert.equal((await restart.wait({ timeout: 10_000 })).state, 'Complete');
});
