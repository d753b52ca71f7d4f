// The npm package's surface against the operation table (spec/surface.json): its .d.ts, read with
// the TypeScript compiler, has every resource, method (camelCase), handle, option, error kind and
// vocabulary of the table, each method with a doc comment. Run by `cargo xtask test`'s npm step.

import assert from 'node:assert/strict';
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

const table = JSON.parse(readFileSync(process.env.PSB_SURFACE, 'utf8'));
// PSB_TSC is node_modules/.bin/tsc; the compiler API is the package it belongs to.
const ts = createRequire(realpathSync(process.env.PSB_TSC))('typescript');
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

const entry = join(process.env.PSB_HOSTING_DIR, 'index.d.ts');
const program = ts.createProgram([entry], {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
});
const checker = program.getTypeChecker();
const module = checker.getSymbolAtLocation(program.getSourceFile(entry));
const exports = new Map(checker.getExportsOfModule(module).map((s) => [s.name, s]));

function typeOf(name) {
  const symbol = exports.get(name);
  assert.ok(symbol, `psb-hosting exports no ${name}`);
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return checker.getDeclaredTypeOfSymbol(target);
}

function member(type, name) {
  const symbol = checker.getPropertyOfType(type, name);
  if (!symbol) return null;
  return {
    symbol,
    type: checker.getTypeOfSymbol(symbol),
    doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)),
  };
}

function checkMethods(owner, type, methods, problems) {
  for (const m of methods) {
    const found = member(type, camel(m.name));
    if (!found) problems.push(`${owner}.${camel(m.name)} is missing`);
    else if (!found.doc.trim()) problems.push(`${owner}.${camel(m.name)} has no doc comment`);
  }
}

test('every resource, method and handle of the table is in the .d.ts', () => {
  const problems = [];
  const client = typeOf('Client');
  for (const r of table.resources) {
    const resource = member(client, camel(r.name));
    if (!resource) {
      problems.push(`Client.${camel(r.name)} is missing`);
      continue;
    }
    checkMethods(r.name, resource.type, r.methods, problems);
  }
  for (const h of table.handles) {
    const handle = typeOf(h.name);
    for (const f of h.fields) {
      if (!member(handle, camel(f.name))) problems.push(`${h.name}.${camel(f.name)} is missing`);
    }
    checkMethods(h.name, handle, h.methods, problems);
  }
  assert.deepEqual(problems, []);
});

test('every option, error kind and vocabulary of the table is in the .d.ts', () => {
  const problems = [];
  const options = typeOf('ClientOptions');
  for (const o of table.options) {
    const found = member(options, camel(o.name));
    if (!found) problems.push(`ClientOptions.${camel(o.name)} is missing`);
    else if (!found.doc.trim()) problems.push(`ClientOptions.${camel(o.name)} has no doc comment`);
  }
  const kinds = typeOf('ErrorKind');
  const literals = new Set((kinds.isUnion() ? kinds.types : [kinds]).map((t) => t.value));
  for (const e of table.errors) {
    if (!literals.has(e.kind)) problems.push(`ErrorKind lacks '${e.kind}'`);
    const cls = exports.get(`${e.kind}Error`);
    if (!cls) problems.push(`psb-hosting exports no ${e.kind}Error`);
    else {
      const base = checker.getBaseTypes(typeOf(`${e.kind}Error`)).map((t) => t.symbol?.name);
      if (!base.includes('PsbError')) problems.push(`${e.kind}Error does not extend PsbError`);
    }
  }
  for (const v of table.vocabularies) {
    if (!exports.has(v.name)) problems.push(`psb-hosting exports no ${v.name}`);
  }
  assert.deepEqual(problems, []);
});
