// Deno's and Bun's entry: `deno run -A main.mjs` / `bun main.mjs`, with PSB_SANDBOX_URL set.
import { smoke } from './smoke.mjs';

console.log(
  await smoke(globalThis.process?.env?.PSB_SANDBOX_URL ?? globalThis.Deno?.env.get('PSB_SANDBOX_URL')),
);
