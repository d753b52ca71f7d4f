// psb-hosting for Cloudflare Workers (the `workerd` condition, which wrangler resolves): the
// runtime compiles the wasm module when the worker is loaded (a `.wasm` import is a
// WebAssembly.Module there), so nothing is fetched at start and no URL is needed.
import module from './psb_wasm_bg.wasm';
import { @CLASSES@, PageIterator, initSync } from './psb_wasm.js';
import { publicClasses } from '@SUPPORT@';

initSync({ module });

// PageIterator is not exported (users see AsyncIterableIterator), but its next() is a call.
publicClasses([@CLASSES@, PageIterator]);

export { @CLASSES@ };
export { PsbError } from '@SUPPORT@';
export { @ERRORS@ } from '@ERRORS_MODULE@';
