// psb-hosting for browsers and bundlers: loads the wasm module next to this file, then
// re-exports the SDK. (Node uses node.js.)
import init from './psb_wasm.js';

await init({ module_or_path: new URL('./psb_wasm_bg.wasm', import.meta.url) });

export { @CLASSES@ } from './psb_wasm.js';
export { PsbError } from '@SUPPORT@';
export { @ERRORS@ } from '@ERRORS_MODULE@';
