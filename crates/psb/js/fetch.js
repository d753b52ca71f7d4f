// psb's wasm transport: one call of `fetch` per attempt (the caller's own `fetch` when the
// client was given one; else the global one, looked up at each call so that a test may stub
// it). It never throws: whatever happens becomes an Answer the core maps to its errors.

/** What the core reads of an attempt. `status` 0: no answer; `phase` says where it failed. */
class Answer {
  constructor(status, body, headers, error, phase) {
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.error = error;
    this.phase = phase;
    // What a failure's JS error says of its cause (Node's undici and Bun set `code`; Deno
    // only writes it in the message). A stub may throw anything, even a getter that throws.
    this.code =
      error === undefined ? undefined : safely(() => String(error?.cause?.code ?? error?.code ?? ''), '');
    this.why =
      error === undefined
        ? undefined
        : safely(() => `${error?.message ?? error} ${error?.cause?.message ?? ''}`, '');
  }

  // Read only when the core asks (an error, a retry): each is a lookup in undici's headers.
  get retryAfter() {
    return header(this.headers, 'retry-after');
  }

  get requestId() {
    return header(this.headers, 'x-request-id') ?? header(this.headers, 'cf-ray');
  }

  get contentType() {
    return header(this.headers, 'content-type');
  }
}

function safely(f, fallback) {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function header(headers, name) {
  return safely(() => {
    const v = headers?.get?.(name);
    return typeof v === 'string' ? v : undefined;
  }, undefined);
}

/** Headers come as one `name: value` line each (a header value cannot hold a line break). */
function headerObject(lines) {
  const headers = {};
  for (const line of lines.split('\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    headers[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return headers;
}

/** A multipart body: `[name, text]` fields and `[name, bytes, fileName, contentType]` files. */
export function formData(parts) {
  const form = new FormData();
  for (const [name, value, fileName, type] of parts) {
    if (fileName === undefined) form.append(name, value);
    else form.append(name, new Blob([value], { type }), fileName);
  }
  return form;
}

export async function send(fetchFn, method, url, headerLines, body, timeoutMs, signal) {
  // One controller: it carries both the attempt's timeout and the caller's signal to fetch,
  // so that either closes the connection. `stopped` settles the attempt too, for a `fetch`
  // (a stub, a wrapper) that ignores its signal and would keep the call waiting forever.
  const controller = new AbortController();
  let timedOut = false;
  let stop;
  const stopped = new Promise((_, reject) => {
    stop = reject;
  });
  // Rejected before any race subscribes when the signal had aborted and fetch throws at once.
  stopped.catch(() => {});
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
          stop(controller.signal.reason);
        }, timeoutMs)
      : undefined;
  const onAbort = () => {
    controller.abort(signal.reason);
    // The controller's: an AbortError even when the signal has no reason (a polyfill's).
    stop(controller.signal.reason);
  };
  if (signal) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  let response;
  try {
    const init = { method, headers: headerObject(headerLines), signal: controller.signal };
    if (body !== undefined) init.body = body;
    response = await Promise.race([
      fetchFn === undefined ? globalThis.fetch(url, init) : fetchFn(url, init),
      stopped,
    ]);
    if (typeof response?.status !== 'number' || typeof response.arrayBuffer !== 'function') {
      return odd(`fetch resolved to ${typeName(response)}, not a Response`);
    }
    const status = response.status;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      return odd(`fetch resolved to a Response with status ${status}, which no HTTP answer has`);
    }
    const buffer = await Promise.race([response.arrayBuffer(), stopped]);
    return new Answer(status, new Uint8Array(buffer), response.headers, undefined, undefined);
  } catch (error) {
    const phase = timedOut
      ? 'timeout'
      : signal?.aborted
        ? 'aborted'
        : response === undefined
          ? 'send'
          : 'body';
    return new Answer(response?.status ?? 0, undefined, response?.headers, error, phase);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function odd(message) {
  return new Answer(0, undefined, undefined, new TypeError(message), 'odd');
}

function typeName(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'an object';
}
