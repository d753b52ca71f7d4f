// The README's quickstart runs as written, against the sandbox.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reset, TOKEN, URL_ } from './helpers.mjs';

test('the README quickstart runs', async () => {
  await reset();
  const readme = readFileSync(process.env.PSB_README, 'utf8');
  const quickstart = readme.split('## Quickstart')[1].match(/```js\n([\s\S]*?)```/)[1];
  const file = join(process.cwd(), 'quickstart.mjs');
  writeFileSync(file, quickstart);
  const out = execFileSync('node', [file], {
    encoding: 'utf8',
    env: { ...process.env, PSB_API_TOKEN: TOKEN, PSB_API_URL: URL_ },
  });
  assert.match(out, /^user: balance \d+/);
  assert.match(out, /25284 NL-300 /);
  assert.match(out, /^host_restart Complete$/m);
  assert.match(out, /no such order \(404: /);
});
