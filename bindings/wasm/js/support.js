// The few things wasm-bindgen cannot declare from Rust: an Error subclass, the
// Symbol.asyncIterator of the page iterators, and the Secret class. No SDK logic lives here.

/** An error from the SDK: `kind` says what went wrong (see spec/SURFACE.md); errors.js has a
 * subclass per kind. */
export class PsbError extends Error {
  constructor(kind, message, status, detail, retryAfter, validation, operation, requestId, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.status = status ?? null;
    this.detail = detail;
    this.retryAfter = retryAfter ?? null;
    this.validation = validation ?? [];
    this.operation = operation ?? null;
    this.requestId = requestId ?? null;
  }
}

// On the prototype, so that each subclass's own name shows (`NotFoundError: ...`).
PsbError.prototype.name = 'PsbError';

// Where the caller of the method now running stood: noted by the method's wrapper
// (`publicClasses`) before it enters the wasm module, taken by the core at once.
let notedSite;

/** Where the caller stood when it made a call; only read if the call fails. */
export function callSite() {
  const site = notedSite;
  notedSite = undefined;
  return site ?? stackHere();
}

// Where there is no `Error.captureStackTrace` (older Firefox and Safari) the stack is taken
// inside the call, SDK frames and all (they are filtered out if it fails).
function stackHere() {
  // The SDK's own frames (wasm, glue) come first: room for the caller's below them (V8).
  const limit = Error.stackTraceLimit;
  if (typeof limit !== 'number') return new Error();
  try {
    // Each captured frame costs: the SDK's own are ~5 in a release build.
    Error.stackTraceLimit = limit + 15;
    const site = new Error();
    Error.stackTraceLimit = limit;
    return site;
  } catch {
    // A frozen `Error` (SES): the stack as deep as it is allowed.
    return new Error();
  }
}

// A stack line that is a frame: V8's "    at f (url:1:2)", or Safari's and Firefox's "f@url:1:2".
const aFrame = /^\s+at |@|:\d+:\d+\)?$/;

// The frames of the SDK itself: the JS glue, its snippets and the wasm module.
const ownFrame = /wasm:\/\/|wasm-function|psb_wasm\.js|\/snippets\/psb-|psb_wasm_bg\.wasm/;

/** A failed call's error, its stack the caller's: the error is made inside the wasm module,
 * later, where no frame of the caller is left. */
export function withCallSite(error, site) {
  if (!(error instanceof PsbError) || typeof site?.stack !== 'string') return error;
  const lines = site.stack.split('\n');
  // V8 and Bun head a stack with a line of its own ("Error"); Safari and Firefox do not.
  if (lines.length > 0 && !aFrame.test(lines[0])) lines.shift();
  const frames = lines.filter((line) => !ownFrame.test(line));
  error.stack = [`${error.name}: ${error.message}`, ...frames].join('\n');
  return error;
}

const inspectKeys = [Symbol.for('nodejs.util.inspect.custom'), Symbol.for('Deno.customInspect')];

/** What each entry does to the classes it exports (see `inspectable` and `notingCallers`). */
export function publicClasses(classes) {
  for (const cls of classes) {
    inspectable(cls);
    notingCallers(cls);
  }
}

/** `console.log` and `util.inspect` show each class by its `toString()` (`Client(https://...)`)
 * or its name, not the wasm handle's `__wbg_ptr`. */
function inspectable(cls) {
  const show = Object.hasOwn(cls.prototype, 'toString')
    ? function () {
        return this.toString();
      }
    : () => `${cls.name} {}`;
  for (const key of inspectKeys) cls.prototype[key] = show;
}

// Methods that never call the API: wasm-bindgen's own and the printing ones.
const noCall = new Set(['constructor', 'free', 'toString', 'toJSON']);

/** Each method notes where its caller stood before entering the wasm module: a stack taken
 * there skips the SDK's frames unwalked, which costs a fraction of one taken inside the call
 * (each wasm frame on the way is expensive to capture: 17-27 us a call, BENCHMARKS.md). */
function notingCallers(cls) {
  if (typeof Error.captureStackTrace !== 'function') return;
  // The methods, and the static ones (`Client.fromEnv`).
  for (const owner of [cls.prototype, cls]) {
    for (const name of Object.getOwnPropertyNames(owner)) {
      const desc = Object.getOwnPropertyDescriptor(owner, name);
      if (noCall.has(name) || name.startsWith('__') || typeof desc.value !== 'function') continue;
      Object.defineProperty(owner, name, { ...desc, value: noting(name, desc.value) });
    }
  }
}

function noting(name, method) {
  const wrapper = {
    [name](...args) {
      // Looked up each call: code loaded after the SDK (a lockdown) may remove it.
      let site;
      if (typeof Error.captureStackTrace === 'function') {
        site = {};
        Error.captureStackTrace(site, wrapper);
        notedSite = site;
      }
      try {
        return method.apply(this, args);
      } catch (error) {
        // Thrown at once (an argument refused before any request): the same caller's stack.
        throw site === undefined ? error : withCallSite(error, site);
      } finally {
        notedSite = undefined;
      }
    },
  }[name];
  return wrapper;
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

/** A signal that aborts when either does, with that one's reason. */
export function eitherSignal(a, b) {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  // Node < 20.3: the listeners stay until one of the two aborts.
  const both = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) {
      both.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => both.abort(s.reason), { once: true });
  }
  return both.signal;
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

// A secret's value, out of reach of every printer (a private field shows in Chrome's console).
const secretValues = new WeakMap();

/** A secret (a server password): prints as `***` everywhere; `expose()` gives the value. */
export class Secret {
  constructor(value) {
    secretValues.set(this, value);
  }

  /** The value, for the code that must use or show it on purpose. */
  expose() {
    return secretValues.get(this);
  }

  toString() {
    return '***';
  }

  toJSON() {
    return '***';
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return '***';
  }
}

/** JSON text from the core whose secrets came marked as `{"$psb_secret": value}`. Parsed, then
 * walked: a `JSON.parse` reviver, called for every value, made a 1,003-order list 2.4x slower. */
export function parseWithSecrets(text) {
  return secretOrWalk(JSON.parse(text));
}

function secretOrWalk(value) {
  if (value === null || typeof value !== 'object') return value;
  if (typeof value.$psb_secret === 'string' && Object.keys(value).length === 1) {
    return new Secret(value.$psb_secret);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = secretOrWalk(value[i]);
  } else {
    for (const key of Object.keys(value)) value[key] = secretOrWalk(value[key]);
  }
  return value;
}
