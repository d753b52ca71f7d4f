// JS's runner of the shared behaviour scenarios (tests/scenarios/cases.json, format in
// tests/README.md): each scenario against a fresh sandbox, through the npm package as a user
// imports it. Methods are found by the table's names (camelCase); required arguments go
// positionally, the optional ones in one options object (by the table's snake_case names),
// durations in milliseconds, as the package takes them. Run by `cargo xtask test`'s npm step.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Client, PsbError } from 'psb-hosting';
import { fault, requests, reset, TOKEN, URL_ } from './helpers.mjs';

const table = JSON.parse(readFileSync(process.env.PSB_SURFACE, 'utf8'));
const cases = JSON.parse(readFileSync(process.env.PSB_SCENARIOS, 'utf8')).scenarios;
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const methods = new Map();
for (const r of table.resources) for (const m of r.methods) methods.set(`${r.name}.${m.name}`, m);
for (const h of table.handles) for (const m of h.methods) methods.set(`${h.name}.${m.name}`, m);
// Retries as in production, with millisecond backoffs so the fault scenarios run fast.
const FAST = { initialBackoff: 5, maxBackoff: 20, maxRetryAfter: 2000 };

const isDuration = (ty) => ty.replace(/\?$/, '') === 'duration';
const optional = (p) => p.type.endsWith('?') || 'default' in p || p.type === 'uploads';

/** The call's arguments as the package takes them: required ones, then one options object. */
function argumentsOf(method, args) {
  const positional = [];
  const options = {};
  const known = new Set();
  for (const p of method.params) {
    for (const f of p.fields ?? [p]) {
      known.add(f.name);
      const given = f.name in args;
      const value = given && isDuration(f.type) ? args[f.name] * 1000 : args[f.name];
      if (p.fields || optional(f)) {
        if (given) options[f.name] = value;
      } else {
        positional.push(value);
      }
    }
  }
  for (const k of Object.keys(args)) assert.ok(known.has(k), `${method.name} has no argument ${k}`);
  return Object.keys(options).length ? [...positional, options] : positional;
}

function plain(v) {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** The value at `path` (field names, indexes, `#` for a length, `*` for each item). */
function walk(v, path) {
  if (path.length === 0) return plain(v);
  const [head, ...rest] = path;
  if (head === '#') return v.length;
  if (head === '*') return v.map((x) => walk(x, rest));
  if (/^-?\d+$/.test(head)) return walk(v.at(Number(head)), rest);
  const key = head in v ? head : camel(head);
  assert.ok(key in v, `no ${head} in ${JSON.stringify(v)}`);
  return walk(v[key], rest);
}

class Run {
  constructor(scenario) {
    this.saved = new Map();
    const { token = TOKEN, timeout, max_retries } = scenario.client ?? {};
    const options = { ...FAST, baseUrl: URL_ };
    if (token !== null) options.token = token;
    if (timeout !== undefined) options.timeout = timeout * 1000;
    if (max_retries !== undefined) options.maxRetries = max_retries;
    this.client = new Client(options);
  }

  ref(name) {
    const [saved, ...path] = name.split('.');
    return walk(this.saved.get(saved), path);
  }

  check(what, actual, want) {
    if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
      if ('$' in want) {
        const ref = this.ref(want.$);
        want = 'plus' in want ? ref + want.plus : ref;
      } else if ('at_least' in want) {
        return assert.ok(actual >= want.at_least, `${what}: ${actual} < ${want.at_least}`);
      } else if ('not_empty' in want) {
        return assert.ok(actual?.length > 0, `${what} is empty`);
      }
    }
    assert.deepEqual(actual, want, what);
  }

  async call(step) {
    const at = step.call.lastIndexOf('.');
    const [owner, name] = [step.call.slice(0, at), step.call.slice(at + 1)];
    let target;
    let method;
    if (owner.startsWith('$')) {
      target = this.saved.get(owner.slice(1));
      method = methods.get(`${target.constructor.name}.${name}`);
    } else {
      target = this.client[camel(owner)];
      method = methods.get(step.call);
    }
    assert.ok(method, `the table has no ${step.call}`);
    const fn = target[camel(name)];
    assert.equal(typeof fn, 'function', `${step.call} is not a method`);
    const result = fn.apply(target, argumentsOf(method, step.args ?? {}));
    if (method.kind !== 'iter') return await result;
    const items = [];
    for await (const item of result) items.push(item);
    return items;
  }

  async step(step) {
    if (step.fault) {
      const f = step.fault;
      return fault(f.operation_id, f.count, f.fault);
    }
    if (step.sent) {
      return this.check(`requests of ${step.sent}`, (await requests(step.sent)).length, step.times);
    }
    const started = performance.now();
    let result;
    try {
      result = await this.call(step);
    } catch (e) {
      if (!step.raises) throw e;
      this.raised(step.raises, e);
    }
    if (!step.raises) {
      for (const [path, want] of Object.entries(step.expect ?? {})) {
        this.check(`${step.call} ${path}`, walk(result, path.split('.')), want);
      }
      if (step.save) this.saved.set(step.save, result);
    } else {
      assert.equal(result, undefined, `${step.call} returned instead of raising`);
    }
    const took = (performance.now() - started) / 1000;
    assert.ok(took >= (step.took_at_least ?? 0), `${step.call} took ${took}s`);
    assert.ok(took <= (step.took_at_most ?? 1e9), `${step.call} took ${took}s`);
  }

  raised(want, e) {
    assert.ok(e instanceof PsbError, `not a PsbError: ${e}`);
    assert.equal(e.kind, want.kind, String(e));
    for (const [key, prop] of [
      ['status', 'status'],
      ['detail', 'detail'],
      ['retry_after', 'retryAfter'],
      ['operation', 'operation'],
    ]) {
      if (key in want) this.check(key, e[prop], want[key]);
    }
    for (const text of want.message_has ?? [])
      assert.ok(e.message.includes(text), `${text} not in ${e.message}`);
    for (const text of want.message_lacks ?? []) assert.ok(!String(e).includes(text), `${text} in ${e}`);
  }
}

for (const scenario of cases) {
  test(scenario.name, async () => {
    await reset();
    const run = new Run(scenario);
    for (const step of scenario.steps) await run.step(step);
  });
}
