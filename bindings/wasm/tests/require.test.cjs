// The CommonJS entry: `require('psb-hosting')` resolves to node.cjs (bundled glue, not
// require(esm)), and works with require(esm) turned off, as on Node < 20.19.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { test } = require('node:test');
const { Client, NotFoundError, PsbError } = require('psb-hosting');

const baseUrl = process.env.PSB_SANDBOX_URL;

test('require gives the whole SDK', async () => {
  assert.match(require.resolve('psb-hosting'), /node\.cjs$/);
  const client = new Client({ token: 'sandbox-token', baseUrl });
  const me = await client.account.get();
  assert.equal(typeof me.username, 'string');
  await assert.rejects(client.orders.get(987654), (e) => e instanceof NotFoundError && e instanceof PsbError);
});

test('without require(esm) too', () => {
  const script = `require('psb-hosting').Client.fromEnv().account.get().then((me) => console.log(me.username))`;
  const out = execFileSync(process.execPath, ['--no-experimental-require-module', '-e', script], {
    env: { ...process.env, PSB_API_TOKEN: 'sandbox-token', PSB_API_URL: baseUrl },
    encoding: 'utf8',
  });
  assert.ok(out.trim().length > 0, out);
});
