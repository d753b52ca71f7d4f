// The package in a real browser: a page served on localhost loads it (ESM + wasm) in headless
// Chromium (Debian's, driven by playwright-core: no browser download) and calls the sandbox on
// another origin (127.0.0.1), so every call is a CORS request with Authorization.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { fault, launchChromium, requests, reset, TOKEN, URL_ } from './helpers.mjs';

const TYPES = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
  '.json': 'application/json',
};

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>psb-hosting</title></head><body>
<script type="module">
import { Client, PsbError } from '/pkg/index.js';
const out = {};
try {
  const client = new Client({ token: ${JSON.stringify(TOKEN)}, baseUrl: ${JSON.stringify(URL_)} });
  out.json = JSON.stringify(client);
  out.username = (await client.account.get()).username;
  out.orders = (await client.orders.list()).map((o) => o.id);
  out.payments = 0;
  for await (const p of client.payments.iter({ page_size: 3 })) out.payments += 1;
  try {
    await client.orders.get(999999);
  } catch (e) {
    out.error = { psb: e instanceof PsbError, error: e instanceof Error, kind: e.kind, status: e.status, detail: e.detail };
  }
  const file = new File(['from a page'], 'page.txt', { type: 'text/plain' });
  const blob = { file_name: 'blob.bin', content: new Blob([new Uint8Array([0, 1, 2, 255])]) };
  const sent = await client.chats.send(51, { text: 'from the browser', attachments: [file, blob] });
  out.attachments = sent.attachments.map((a) => [a.name, a.size, a.content_type]);
} catch (e) {
  out.failure = String(e) + (e && e.stack ? '\\n' + e.stack : '');
}
window.__result = out;
</script></body></html>`;

function serve(pkgDir) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    try {
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(PAGE);
      }
      if (path.startsWith('/pkg/')) {
        const file = normalize(join(pkgDir, path.slice('/pkg/'.length)));
        if (!file.startsWith(pkgDir)) throw new Error('outside');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        return res.end(body);
      }
    } catch {}
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('the package works in headless Chromium, cross-origin', { timeout: 120_000 }, async () => {
  await reset();
  // The first account read meets a 503: the retry's backoff runs on the browser's timers.
  await fault('users_get_data', 1, { type: 'status', status: 503 });
  const server = await serve(process.env.PSB_HOSTING_DIR);
  const browser = await launchChromium();
  const logs = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => logs.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e}`));
    // The page is on localhost, the sandbox on 127.0.0.1: another origin.
    await page.goto(`http://localhost:${server.address().port}/`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
    const r = await page.evaluate(() => window.__result);
    assert.equal(r.failure, undefined, `${r.failure}\n${logs.join('\n')}`);
    assert.equal(r.username, 'user');
    assert.ok(r.orders.includes(25284));
    assert.ok(r.payments >= 9, `${r.payments} payments`);
    assert.ok(!r.json.includes(TOKEN));
    assert.deepEqual(r.error, {
      psb: true,
      error: true,
      kind: 'NotFound',
      status: 404,
      detail: 'Order not found',
    });
    assert.deepEqual(r.attachments, [
      ['page.txt', 11, 'text/plain'],
      ['blob.bin', 4, 'application/octet-stream'],
    ]);
    assert.equal((await requests('users_get_data')).length, 2, 'the 503 was retried');
  } finally {
    await browser.close();
    server.close();
  }
});
