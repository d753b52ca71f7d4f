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
    'PageWalk<Payment>',
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

// Every check is strict with exactOptionalPropertyTypes, and reads the package's declarations
// too (no skipLibCheck). `lib` is a browser's unless a test says otherwise; `types` Node's.
function tsc(source, { lib = 'es2022,dom,dom.iterable' } = {}) {
  const work = mkdtempSync(join(process.cwd(), 'ts-'));
  const file = join(work, 'usage.mts');
  writeFileSync(file, source);
  try {
    execFileSync(
      process.env.PSB_TSC,
      [
        '--noEmit',
        '--strict',
        '--exactOptionalPropertyTypes',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--lib',
        lib,
        '--types',
        'node',
        '--typeRoots',
        process.env.PSB_TYPE_ROOTS,
        file,
      ],
      { encoding: 'utf8' },
    );
    return '';
  } catch (e) {
    return e.stdout + e.stderr;
  }
}

test("every example of the README type-checks, as a user's strict program", () => {
  const readme = readFileSync(process.env.PSB_README, 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 5, `${blocks.length} examples`);
  // The imports go to the top, merged; each example is a block of its own; what an example
  // takes from its prose (an order id, a chat, a file) is declared.
  const names = new Set(['Client']);
  const bodies = blocks.map((b) =>
    b.replace(/^import \{([^}]*)\} from 'psb-hosting';\n/gm, (_, list) => {
      for (const n of list.split(',')) names.add(n.trim());
      return '';
    }),
  );
  const program =
    `import { ${[...names].join(', ')} } from 'psb-hosting';\n` +
    'declare const client: Client;\ndeclare const orderId: number;\ndeclare const chatId: number;\ndeclare const file: File;\n' +
    bodies.map((b) => `{\n${b}}\n`).join('');
  assert.equal(tsc(program), '', program);
});

test('a Node-only program (no DOM lib) type-checks against the package', () => {
  const errors = tsc(
    `
import { Client, NotFoundError, type Fetch, type RequestOptions } from 'psb-hosting';
const fetchLogged: Fetch = (url, init) => { console.log(init.method, url); return fetch(url, init); };
const client = new Client({ token: process.env.PSB_API_TOKEN, baseUrl: process.env.PSB_API_URL, fetch: fetchLogged });
const request: RequestOptions = { signal: AbortSignal.timeout(1000), timeout: undefined };
try { console.log(JSON.stringify(await client.orders.get(1, request))); } catch (e) { if (!(e instanceof NotFoundError)) throw e; }
await client.chats.send(1, { text: 'hi', attachments: [{ file_name: 'a.txt', content: new Uint8Array(1), content_type: undefined }] });
`,
    { lib: 'es2022' },
  );
  assert.equal(errors, '');
});

test('a strict TypeScript program type-checks against the package', () => {
  const errors = tsc(`
import { Client, PsbError, type Fetch, type Order, type OrderDetail, type Payment, type ServerStatus, type UploadInput } from 'psb-hosting';
const client = new Client({ token: 't', baseUrl: 'http://127.0.0.1:1', maxRetries: 1 });
// The DOM lib's own fetch fits the fetch option, as is or wrapped.
const fetchAsIs: Fetch = fetch;
new Client({ token: 't', fetch });
new Client({ token: 't', fetch: fetchAsIs });
new Client({ token: 't', fetch: (url, init) => fetch(url, init) });
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
await client.servers.waitForStatus(1, 'Actve');
await client.tickets.create({ title: 't', department: 'Sales dept', message: 'm' });
`);
  assert.match(errors, /baseURL/);
  assert.match(errors, /not assignable to type 'string'/);
  assert.match(errors, /Cash/);
  assert.match(errors, /Actve/);
  assert.match(errors, /Sales dept/);
});
