// Shared by the tests: the sandbox's URL and its control API (/__sandbox/...), and Chromium.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';

export const URL_ = process.env.PSB_SANDBOX_URL;
assert.ok(URL_, 'PSB_SANDBOX_URL is set by `cargo xtask test`');
export const TOKEN = 'sandbox-token';
export const OTHER_TOKEN = 'sandbox-token-2';

export async function reset() {
  const r = await fetch(`${URL_}/__sandbox/reset`, { method: 'POST' });
  assert.equal(r.status, 200);
}

export async function fault(operation_id, count, fault) {
  const r = await fetch(`${URL_}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operation_id, count, fault }),
  });
  assert.ok(r.ok, `fault ${JSON.stringify(fault)}: ${r.status} ${await r.text()}`);
}

export async function requests(operationId) {
  const r = await fetch(`${URL_}/__sandbox/requests?operation_id=${operationId}&limit=1000`);
  return (await r.json()).requests;
}

export async function coverage() {
  return (await fetch(`${URL_}/__sandbox/coverage`)).json();
}

export async function download(id) {
  return new Uint8Array(await (await fetch(`${URL_}/__sandbox/attachments/${id}`)).arrayBuffer());
}

/** Asserts that `promise` rejects with a PsbError of `kind` (and `status`, when given). */
export async function rejectsWith(promise, PsbError, kind, status) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof PsbError, `not a PsbError: ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.kind, kind, String(e));
    if (status !== undefined) assert.equal(e.status, status, String(e));
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

/** Debian's headless Chromium through playwright-core (no browser download). */
export async function launchChromium() {
  const { chromium } = await import(pathToFileURL(process.env.PSB_PLAYWRIGHT).href);
  return chromium.launch({
    executablePath: process.env.PSB_CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
