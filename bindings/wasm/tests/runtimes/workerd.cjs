// Runs the bundled worker (dist/worker.js) in workerd through miniflare, with the sandbox's URL
// as a binding, and fails unless it answers 200 with the smoke test's line.
const { Miniflare } = require(process.env.PSB_MINIFLARE);

(async () => {
  const mf = new Miniflare({
    scriptPath: 'dist/worker.js',
    modules: true,
    modulesRoot: 'dist',
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2025-01-01',
    bindings: { PSB_SANDBOX_URL: process.env.PSB_SANDBOX_URL },
  });
  try {
    const response = await mf.dispatchFetch('http://localhost/');
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the worker answered ${response.status}: ${text}`);
    console.log(text);
  } finally {
    await mf.dispose();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
