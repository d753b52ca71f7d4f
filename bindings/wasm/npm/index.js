// psb-hosting for browsers and bundlers: loads the wasm module next to this file, then
// re-exports the SDK. (Node uses node.js, workers workerd.js.) Vite and webpack emit that file
// and rewrite its URL; esbuild and Rollup (without plugins) do not, so when it cannot be
// fetched the module comes from its inlined copy, psb_wasm_inline.js: a chunk of its own for
// a bundler that splits (Rollup, Vite, webpack: fetched only then), inside the bundle for one
// that does not (esbuild).
import init, { @CLASSES@, PageIterator } from './psb_wasm.js';
import { publicClasses } from '@SUPPORT@';

try {
  await init({ module_or_path: new URL('./psb_wasm_bg.wasm', import.meta.url) });
} catch (beside) {
  const { wasmBytes } = await import('./psb_wasm_inline.js');
  try {
    await init({ module_or_path: await wasmBytes() });
  } catch (inlined) {
    throw new AggregateError([beside, inlined], 'psb-hosting could not load its wasm module');
  }
}

// PageIterator is not exported (users see AsyncIterableIterator), but its next() is a call.
publicClasses([@CLASSES@, PageIterator]);

export { @CLASSES@ };
export { PsbError } from '@SUPPORT@';
export { @ERRORS@ } from '@ERRORS_MODULE@';
