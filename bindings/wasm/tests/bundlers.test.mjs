// The package through each bundler a browser app is built with, in each one's default setup
// (esbuild: --bundle --format=esm; Rollup: the node-resolve plugin; Vite: `vite build`;
// webpack: `webpack --mode production`), and the built page in headless Chromium against the
// sandbox. esbuild and Rollup do not emit the .wasm file: the page then takes the inlined copy.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { launchChromium, reset, TOKEN, URL_ } from './helpers.mjs';

const bin = (name) => join(process.env.PSB_TOOLS_NODE, 'node_modules/.bin', name);
const work = join(import.meta.dirname, '..', 'bundlers');
const options = JSON.stringify({ token: TOKEN, baseUrl: URL_ });
const page = (script) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>psb-hosting</title>` +
  `<script>window.psbOptions = ${options};</script>` +
  `<script type="module" src="${script}"></script></head><body></body></html>`;

const builds = {
  esbuild(dir) {
    execFileSync(
      bin('esbuild'),
      ['app.mjs', '--bundle', '--format=esm', '--outdir=dist', '--log-level=error'],
      {
        cwd: dir,
      },
    );
    writeFileSync(join(dir, 'dist/index.html'), page('./app.js'));
  },
  rollup(dir) {
    const plugin = pathToFileURL(
      join(process.env.PSB_TOOLS_NODE, 'node_modules/@rollup/plugin-node-resolve/dist/es/index.js'),
    );
    writeFileSync(
      join(dir, 'rollup.config.mjs'),
      `import resolve from ${JSON.stringify(plugin.href)};\n` +
        `export default { input: 'app.mjs', output: { dir: 'dist', format: 'es' }, plugins: [resolve({ browser: true })] };\n`,
    );
    execFileSync(bin('rollup'), ['-c', '--silent'], { cwd: dir });
    writeFileSync(join(dir, 'dist/index.html'), page('./app.js'));
  },
  vite(dir) {
    writeFileSync(join(dir, 'index.html'), page('./app.mjs'));
    execFileSync(bin('vite'), ['build', '--logLevel', 'error'], { cwd: dir });
  },
  webpack(dir) {
    execFileSync(bin('webpack'), ['--mode', 'production', '--entry', './app.mjs', '--output-path', 'dist'], {
      cwd: dir,
    });
    writeFileSync(join(dir, 'dist/index.html'), page('./main.js'));
  },
};

const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
};

function serve(root) {
  const served = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    try {
      if (!file.startsWith(root)) throw new Error('outside');
      const body = readFileSync(file);
      served.push(path);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, served })));
}

test('the package through esbuild, Rollup, Vite and webpack, in Chromium', { timeout: 300_000 }, async () => {
  await reset();
  const browser = await launchChromium();
  try {
    for (const [name, build] of Object.entries(builds)) {
      const dir = join(work, name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      cpSync(join(import.meta.dirname, 'bundlers/app.mjs'), join(dir, 'app.mjs'));
      build(dir);
      const { server, served } = await serve(join(dir, 'dist'));
      const logs = [];
      try {
        const tab = await browser.newPage();
        tab.on('pageerror', (e) => logs.push(`pageerror: ${e}`));
        // localhost: another origin than the sandbox's 127.0.0.1, so calls are CORS requests.
        await tab.goto(`http://localhost:${server.address().port}/`);
        await tab.waitForFunction(() => window.psbResult !== undefined, null, { timeout: 60_000 });
        const r = await tab.evaluate(() => window.psbResult);
        assert.deepEqual(
          r,
          { username: 'user', notFound: true },
          `${name}: ${r.failure ?? ''}\n${logs.join('\n')}`,
        );
        await tab.close();
      } finally {
        server.close();
      }
      console.log(`${name}: served ${served.filter((p) => p !== '/').join(', ')}`);
    }
  } finally {
    await browser.close();
  }
});
