// The few things wasm-bindgen cannot declare from Rust: an Error subclass, and the
// Symbol.asyncIterator of the page iterators. No SDK logic lives here.

/** An error from the SDK: `kind` says what went wrong (see spec/SURFACE.md). */
export class PsbError extends Error {
  constructor(kind, message, status, detail, retryAfter, validation, operation) {
    super(message);
    this.name = 'PsbError';
    this.kind = kind;
    this.status = status ?? null;
    this.detail = detail;
    this.retryAfter = retryAfter ?? null;
    this.validation = validation ?? [];
    this.operation = operation ?? null;
  }
}

/** Makes a page iterator usable with `for await`. */
export function asyncIterable(iterator) {
  iterator[Symbol.asyncIterator] = function () {
    return this;
  };
  return iterator;
}

/** A promise that resolves with the signal's reason when it aborts (one listener per signal). */
export function abortPromise(signal) {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(signal.reason);
    else signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });
}

/** An argument object as JSON text for the core. `JSON.stringify` would turn `NaN` and
 * `Infinity` into `null` (an absent option, silently); here they are refused by name. */
export function argumentJson(value) {
  return JSON.stringify(value, (key, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new TypeError(`${key || 'the value'} is ${v}, not a finite number`);
    }
    return v;
  });
}
