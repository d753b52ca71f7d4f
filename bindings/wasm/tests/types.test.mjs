// The TypeScript side: no `any` in a public signature, and a strict program using the package
// type-checks (and a wrong one does not).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const dir = process.env.PSB_HOSTING_DIR;

/** The public part of wasm-bindgen's .d.ts: without the init functions, their InitOutput
 * (raw exports) and the stream adapters reqwest's wasm-streams exports (not re-exported). */
function publicDeclarations() {
  const dts = readFileSync(join(dir, 'psb_wasm.d.ts'), 'utf8');
  const blocks = dts.split(/\n(?=export )/);
  return blocks
    .filter(
      (b) =>
        !/^export (class IntoUnderlying|type InitInput|interface InitOutput|type SyncInitInput|function initSync|default function)/.test(
          b,
        ),
    )
    .join('\n');
}

test('no `any` in a public signature', () => {
  const text = publicDeclarations() + readFileSync(join(dir, 'index.d.ts'), 'utf8');
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const anys = code.split('\n').filter((l) => /\bany\b/.test(l));
  assert.deepEqual(anys, []);
  for (const m of [
    'Promise<Order[]>',
    'Promise<OrderDetail>',
    'AsyncIterableIterator<Payment>',
    'newOrder: NewOrder',
    'options?: ClientOptions',
    'request?: RequestOptions',
  ]) {
    assert.ok(code.includes(m), `${m} is declared`);
  }
});

test('the index exports the classes and every model type, and nothing internal', () => {
  const index = readFileSync(join(dir, 'index.d.ts'), 'utf8');
  for (const name of [
    'Client',
    'PsbError',
    'Order',
    'OrderDetail',
    'Payment',
    'ServerStatus',
    'ErrorKind',
    'NewOrder',
    'UploadInput',
    'Timestamp',
    'Money',
  ]) {
    assert.match(index, new RegExp(`\\b${name}\\b`));
  }
  assert.doesNotMatch(index, /IntoUnderlying|InitOutput/);
});

function tsc(source) {
  const work = mkdtempSync(join(process.cwd(), 'ts-'));
  const file = join(work, 'usage.mts');
  writeFileSync(file, source);
  try {
    execFileSync(
      process.env.PSB_TSC,
      [
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--lib',
        'es2022,dom,dom.iterable',
        file,
      ],
      { encoding: 'utf8' },
    );
    return '';
  } catch (e) {
    return e.stdout + e.stderr;
  }
}

test('a strict TypeScript program type-checks against the package', () => {
  const errors = tsc(`
import { Client, PsbError, type Order, type OrderDetail, type Payment, type ServerStatus, type UploadInput } from 'psb-hosting';
const client = new Client({ token: 't', baseUrl: 'http://127.0.0.1:1', maxRetries: 1 });
const orders: Order[] = await client.orders.list();
const detail: OrderDetail = await client.orders.get(orders[0].id);
const status: ServerStatus | undefined = detail.status_machine;
const ids: number[] = [];
for await (const p of client.payments.iter({ page_size: 10, sort_by: 'date', sort_order: 'DESC' })) {
  const payment: Payment = p;
  ids.push(payment.id);
}
const files: UploadInput[] = [new File(['x'], 'a.txt'), { file_name: 'b.bin', content: new Uint8Array(1) }];
await client.tickets.create({ title: 't', department: 'Отдел продаж', message: 'm', attachments: files });
await client.servers.waitForStatus(1, 'Active', { timeout: 1000 });
try { await client.account.get(); } catch (e) {
  if (e instanceof PsbError) { const k: 'NotFound' | string = e.kind; const s: number | null = e.status; console.log(k, s, e.detail, e.retryAfter, e.validation.length); }
}
console.log(status);
`);
  assert.equal(errors, '');
});

test('a wrong program does not type-check', () => {
  const errors = tsc(`
import { Client } from 'psb-hosting';
const client = new Client({ token: 't', baseURL: 'x' });
const n: string = (await client.orders.list())[0].id;
await client.orders.create({ product_id: 1, payment: 'Cash' });
`);
  assert.match(errors, /baseURL/);
  assert.match(errors, /not assignable to type 'string'/);
  assert.match(errors, /Cash/);
});
