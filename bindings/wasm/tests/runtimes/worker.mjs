// The worker workerd runs (bundled as wrangler does: esbuild, conditions workerd/worker/browser,
// the .wasm kept as a module): it answers each request with the smoke test's line.
import { smoke } from './smoke.mjs';

export default {
  async fetch(_request, env) {
    try {
      return new Response(await smoke(env.PSB_SANDBOX_URL));
    } catch (e) {
      return new Response(`${e?.stack ?? e}`, { status: 500 });
    }
  },
};
