// The source of node.cjs, the CommonJS entry (`require('psb-hosting')`) for the Node versions
// without require(esm): `cargo xtask` bundles it with esbuild, glue and snippets included.
// It reads the wasm module next to the bundle, as node.js does. (A program that both requires
// and imports the package gets two copies of it, as with every dual package.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { @CLASSES@, PageIterator, initSync } from './psb_wasm.js';
import { publicClasses } from '@SUPPORT@';

initSync({ module: readFileSync(join(__dirname, 'psb_wasm_bg.wasm')) });

// PageIterator is not exported (users see AsyncIterableIterator), but its next() is a call.
publicClasses([@CLASSES@, PageIterator]);

export { @CLASSES@ };
export { PsbError } from '@SUPPORT@';
export { @ERRORS@ } from '@ERRORS_MODULE@';
