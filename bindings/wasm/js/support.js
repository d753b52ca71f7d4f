// The few things wasm-bindgen cannot declare from Rust: an Error subclass, and the
// Symbol.asyncIterator of the page iterators. No SDK logic lives here.

/** An error from the SDK: `kind` says what went wrong (see SURFACE.md's list). */
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
