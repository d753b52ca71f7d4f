// psb-hosting versus a hand-written fetch + JSON.parse client, against one sandbox
// (`psb-mock --orders 1000`). Usage: see ../BENCHMARKS.md.
//   PSB_SANDBOX_URL=http://127.0.0.1:PORT node bench.mjs [--markdown]

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const url = process.env.PSB_SANDBOX_URL;
if (!url) throw new Error('set PSB_SANDBOX_URL to a psb-mock started with --orders 1000');
const pkg = process.env.PSB_HOSTING_DIR ?? resolve(import.meta.dirname, '../../../target/npm/psb-hosting');
const { Client } = await import(pathToFileURL(resolve(pkg, 'node.js')).href);
const TOKEN = 'sandbox-token';

const sdk = new Client({ token: TOKEN, baseUrl: url });
// What a user would write without the SDK: fetch, check the status, JSON.parse.
const plain = {
  async get(path) {
    const r = await fetch(url + path, { headers: { authorization: TOKEN } });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return JSON.parse(await r.text());
  },
};

const cases = [
  [
    'account.get x200, sequential',
    async () => {
      for (let i = 0; i < 200; i++) await sdk.account.get();
    },
    async () => {
      for (let i = 0; i < 200; i++) await plain.get('/users/me');
    },
  ],
  [
    '64 concurrent account.get x5',
    async () => {
      for (let i = 0; i < 5; i++) await Promise.all(Array.from({ length: 64 }, () => sdk.account.get()));
    },
    async () => {
      for (let i = 0; i < 5; i++) await Promise.all(Array.from({ length: 64 }, () => plain.get('/users/me')));
    },
  ],
  [
    'orders.list (1,003 orders) x10',
    async () => {
      for (let i = 0; i < 10; i++) await sdk.orders.list();
    },
    async () => {
      for (let i = 0; i < 10; i++) await plain.get('/order');
    },
  ],
];

// A call answered in process by a stub `fetch` (the `fetch` option) with the sandbox's own
// answer: the client's own cost, without the network's or the sandbox's noise.
async function inProcess(name, path, times, call) {
  const body = await (await fetch(url + path, { headers: { authorization: TOKEN } })).arrayBuffer();
  const answer = async () =>
    new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  const stubbed = new Client({ token: TOKEN, baseUrl: url, fetch: answer });
  return [
    `${name} in process (stub fetch) x${times}`,
    async () => {
      for (let i = 0; i < times; i++) await call(stubbed);
    },
    async () => {
      for (let i = 0; i < times; i++) JSON.parse(await (await answer()).text());
    },
  ];
}
cases.push(await inProcess('orders.list', '/order', 10, (c) => c.orders.list()));
cases.push(await inProcess('account.get', '/users/me', 2000, (c) => c.account.get()));

const n = (await sdk.orders.list()).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(f) {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

// Each repetition times the SDK and plain fetch back to back, and its ratio is taken then: on a
// busy machine the speed drifts between repetitions more than between the two halves of one.
const REPS = 11;
// The middle half of the paired ratios, as "p25-p75" (quartiles interpolated between ranks).
const quantile = (sorted, q) => {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.ceil(at)] - sorted[lo]) * (at - lo);
};
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${quantile(s, 0.25).toFixed(2)}-${quantile(s, 0.75).toFixed(2)}`;
};
const rows = [];
for (const [name, a, b] of cases) {
  await a();
  await b(); // warm-up
  const [ta, tb, ratios] = [[], [], []];
  for (let r = 0; r < REPS; r++) {
    ta.push(await time(a));
    tb.push(await time(b));
    ratios.push(tb[r] / ta[r]);
  }
  rows.push([name, median(ta), median(tb), median(ratios), spread(ratios)]);
}
// Import to first response, each in a fresh Node process (the module's compile and init
// included): the SDK's `import` + `new Client` + `account.get()` against `fetch` + `JSON.parse`.
const fresh = {
  sdk: `const t = performance.now(); const { Client } = await import(${JSON.stringify(pathToFileURL(resolve(pkg, 'node.js')).href)});
await new Client({ token: '${TOKEN}', baseUrl: '${url}' }).account.get(); console.log(performance.now() - t);`,
  plain: `const t = performance.now(); const r = await fetch('${url}/users/me', { headers: { authorization: '${TOKEN}' } });
JSON.parse(await r.text()); console.log(performance.now() - t);`,
};
const once = (code) =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
const [firstSdk, firstPlain, firstRatios] = [[], [], []];
for (let r = 0; r < REPS; r++) {
  firstSdk.push(once(fresh.sdk));
  firstPlain.push(once(fresh.plain));
  firstRatios.push(firstSdk[r] / firstPlain[r]);
}
// Here the ratio is the SDK's time over fetch's (the budget: at most 1.5x).
const [fa, fb, fr, fs] = [median(firstSdk), median(firstPlain), median(firstRatios), spread(firstRatios)];

if (process.argv.includes('--markdown')) {
  console.log(
    `| case (${n} orders, Node ${process.versions.node}) | psb-hosting | fetch + JSON.parse | throughput ratio (median of ${REPS} paired) | middle half |\n|---|---:|---:|---:|---:|`,
  );
  for (const [name, a, b, r, sp] of rows)
    console.log(`| ${name} | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms | ${r.toFixed(2)}x | ${sp} |`);
  console.log(
    `| import to first response (fresh process; time ratio, budget 1.5x) | ${fa.toFixed(1)} ms | ${fb.toFixed(1)} ms | ${fr.toFixed(2)}x | ${fs} |`,
  );
} else {
  console.log(`Node ${process.versions.node}, ${n} orders`);
  for (const [name, a, b, r, sp] of rows)
    console.log(
      `${name.padEnd(42)} psb-hosting ${a.toFixed(1).padStart(8)} ms   plain ${b.toFixed(1).padStart(8)} ms   ratio ${r.toFixed(2)}x (${sp})`,
    );
  console.log(
    `${'import to first response'.padEnd(42)} psb-hosting ${fa.toFixed(1).padStart(8)} ms   plain ${fb.toFixed(1).padStart(8)} ms   time ratio ${fr.toFixed(2)}x (${fs})`,
  );
}
