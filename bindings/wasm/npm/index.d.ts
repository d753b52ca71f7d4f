// psb-hosting: the SDK's classes and every model type (generated from the Rust types).
import type { ErrorKind, ValidationIssue } from './psb_wasm.js';

export { @CLASSES@ } from './psb_wasm.js';
export type { @TYPES@ } from './psb_wasm.js';

export * from './errors.js';

/** Every failure of a call: `kind` says what went wrong, and each kind has its own subclass
 * (`NotFoundError`, `RateLimitedError`, ...: errors.d.ts); the rest is context. `cause` is
 * the JS error `fetch` failed with, when that is what failed. */
export declare class PsbError extends Error {
  /** The class's name (`NotFoundError`, ...; `PsbError` for a kind this package does not know). */
  readonly name: string;
  /** What went wrong (`NotFound`, `Validation`, `RateLimited`, `Server`, `Timeout`, ...). */
  readonly kind: ErrorKind;
  /** The HTTP status, when the server answered. */
  readonly status: number | null;
  /** The server's message (FastAPI's `detail`), or the SDK's when there was no answer. */
  readonly detail: string;
  /** Seconds the server asked to wait (`Retry-After`, on 429 and 503). */
  readonly retryAfter: number | null;
  /** FastAPI's field errors (422 only; else empty). */
  readonly validation: ValidationIssue[];
  /** The API operation (`order_get_order_by_id`), when the error concerns one. */
  readonly operation: string | null;
  /** The answer's request id (`x-request-id`, else Cloudflare's `cf-ray`): quote it to support. */
  readonly requestId: string | null;
}
