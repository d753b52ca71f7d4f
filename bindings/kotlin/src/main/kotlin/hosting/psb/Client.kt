package hosting.psb

import hosting.psb.ffi.ClientConfig
import kotlin.time.Duration
import hosting.psb.ffi.Client as NativeClient

/**
 * A PSB Hosting API client over the SDK's Rust core: retries, errors, pagination and uploads
 * are the core's. Thread-safe; its resources share one connection pool. Every call is a
 * `suspend fun`; page walks are [kotlinx.coroutines.flow.Flow]s; failures are [PsbException]s.
 *
 * ```
 * Client(token = "...").use { client -> println(client.account.get().balance) }
 * ```
 *
 * @param token sent as-is in `Authorization`; without one only the catalog answers.
 * @param baseUrl default [DEFAULT_BASE_URL].
 * @param timeout the whole of one attempt (default 60 s).
 * @param maxRetries retries after the first attempt (default 2; 0 turns retrying off). Reads and
 *   idempotent writes are retried on 408/429/502/503/504 and broken connections, a POST only
 *   when it never left.
 * @param initialBackoff the backoff ceiling of the first retry (default 500 ms).
 * @param maxBackoff the largest backoff ceiling (default 8 s).
 * @param maxRetryAfter the longest `Retry-After` honoured (default 60 s).
 * @param allowInsecureHttp allows plain `http://` to a host that is not loopback (default false);
 *   the token then travels unencrypted.
 * @throws PsbException.InvalidArgument for a bad configuration (an `http://` URL other than
 *   loopback, an empty token, ...).
 */
class Client private constructor(private val native: NativeClient) : ClientResources(native), AutoCloseable {
    @JvmOverloads
    constructor(
        token: String? = null,
        baseUrl: String? = null,
        timeout: Duration? = null,
        maxRetries: Int? = null,
        userAgent: String? = null,
        initialBackoff: Duration? = null,
        maxBackoff: Duration? = null,
        maxRetryAfter: Duration? = null,
        allowInsecureHttp: Boolean? = null,
    ) : this(
        native {
            NativeClient(
                ClientConfig(
                    token = token,
                    baseUrl = baseUrl,
                    timeoutMs = timeout?.let { millis("timeout", it) },
                    maxRetries = maxRetries?.let { unsigned("maxRetries", it) },
                    userAgent = userAgent,
                    initialBackoffMs = initialBackoff?.let { millis("initialBackoff", it) },
                    maxBackoffMs = maxBackoff?.let { millis("maxBackoff", it) },
                    maxRetryAfterMs = maxRetryAfter?.let { millis("maxRetryAfter", it) },
                    allowInsecureHttp = allowInsecureHttp,
                ),
            )
        },
    )

    /** The API's address. */
    val baseUrl: String get() = native.baseUrl()

    /** Frees the native client now (otherwise the garbage collector does). */
    override fun close() {
        releaseResources()
        native.close()
    }

    /** Never shows the token. */
    override fun toString(): String = "Client(baseUrl=$baseUrl)"

    companion object {
        /** Where the API lives. */
        const val DEFAULT_BASE_URL: String = "https://backend.psb.hosting"

        /**
         * A client from `PSB_API_TOKEN` (required) and `PSB_API_URL` (optional).
         * @throws PsbException.InvalidArgument when `PSB_API_TOKEN` is not set.
         */
        @JvmStatic
        fun fromEnv(): Client = Client(native { NativeClient.fromEnv() })
    }
}

internal fun millis(name: String, d: Duration): ULong {
    if (d.isNegative()) throw PsbException.invalidArgument("$name must not be negative, got $d")
    return d.inWholeMilliseconds.toULong()
}

internal fun unsigned(name: String, n: Int): UInt = unsigned(name, n.toLong())

/** A record's unsigned field from a Long: out of range is an InvalidArgument by name. */
internal fun unsigned(name: String, n: Long): UInt {
    if (n < 0 || n > UInt.MAX_VALUE.toLong()) {
        throw PsbException.invalidArgument("$name must be between 0 and ${UInt.MAX_VALUE}, got $n")
    }
    return n.toUInt()
}
