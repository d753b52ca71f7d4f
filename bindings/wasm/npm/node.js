// psb-hosting for Node >= 20: reads the wasm module next to this file, then re-exports the SDK.
import { readFileSync } from 'node:fs';
import { @CLASSES@, PageIterator, initSync } from './psb_wasm.js';
import { publicClasses } from '@SUPPORT@';

initSync({ module: readFileSync(new URL('./psb_wasm_bg.wasm', import.meta.url)) });

// PageIterator is not exported (users see AsyncIterableIterator), but its next() is a call.
publicClasses([@CLASSES@, PageIterator]);

export { @CLASSES@ };
export { PsbError } from '@SUPPORT@';
export { @ERRORS@ } from '@ERRORS_MODULE@';
