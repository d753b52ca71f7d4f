package hosting.psb

import hosting.psb.model.ErrorKind
import hosting.psb.model.ValidationIssue
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import hosting.psb.ffi.PsbException as Native

/**
 * Any error from the SDK, one subclass per kind: [BadRequest] (400), [Unauthorized] (401),
 * [Forbidden] (403), [NotFound] (404), [Conflict] (409), [Validation] (422, with [validation]),
 * [RateLimited] (429, with [retryAfter]), [Server] (5xx), [Timeout], [Connection], [Decode] (a
 * body that does not fit the model), [InvalidArgument] (refused before sending) and
 * [OutcomeUnknown] (a write whose answer was lost and whose effect could not be settled).
 *
 * [status] is the HTTP status when the server answered, [detail] the server's message,
 * [operation] the API operation concerned; [message] is all of it in one line.
 */
sealed class PsbException(
    /** The kind as a value (the same as the subclass). */
    val kind: ErrorKind,
    description: String,
    /** The HTTP status, or null when no answer came (or the call was refused before sending). */
    val status: Int?,
    /** The server's message (FastAPI's `detail`, an HTML page's title), or the SDK's. */
    val detail: String,
    /** FastAPI's field errors (422); empty otherwise. */
    val validation: List<ValidationIssue>,
    /** The server's `Retry-After` (429, 503), a `kotlin.time.Duration` like every option. */
    val retryAfter: Duration?,
    /** The operation of the API concerned (`users_get_data`), when there is one. */
    val operation: String?,
) : RuntimeException(description) {
    override val message: String get() = super.message ?: ""

    override fun toString(): String = "${javaClass.name.substringAfterLast('.').replace('$', '.')}: $message"

    /** 400: the server refused the request (for example, the balance is too low). */
    class BadRequest internal constructor(f: Fields) : PsbException(ErrorKind.BAD_REQUEST, f)

    /** 401: the token is missing or wrong. */
    class Unauthorized internal constructor(f: Fields) : PsbException(ErrorKind.UNAUTHORIZED, f)

    /** 403: the token may not do this. */
    class Forbidden internal constructor(f: Fields) : PsbException(ErrorKind.FORBIDDEN, f)

    /** 404: no such object, or it belongs to another account. */
    class NotFound internal constructor(f: Fields) : PsbException(ErrorKind.NOT_FOUND, f)

    /** 409: the object's state does not allow this. */
    class Conflict internal constructor(f: Fields) : PsbException(ErrorKind.CONFLICT, f)

    /** 422: the input is invalid; [validation] has the field errors. */
    class Validation internal constructor(f: Fields) : PsbException(ErrorKind.VALIDATION, f)

    /** 429: too many requests; [retryAfter] says when to come back. */
    class RateLimited internal constructor(f: Fields) : PsbException(ErrorKind.RATE_LIMITED, f)

    /** 5xx (a proxy's HTML error page included), or another unexpected status. */
    class Server internal constructor(f: Fields) : PsbException(ErrorKind.SERVER, f)

    /** The request or the connection timed out. */
    class Timeout internal constructor(f: Fields) : PsbException(ErrorKind.TIMEOUT, f)

    /** The connection failed or broke. */
    class Connection internal constructor(f: Fields) : PsbException(ErrorKind.CONNECTION, f)

    /** The response does not fit the model. */
    class Decode internal constructor(f: Fields) : PsbException(ErrorKind.DECODE, f)

    /** Refused before sending: an argument is out of range, a file cannot be read. */
    class InvalidArgument internal constructor(f: Fields) : PsbException(ErrorKind.INVALID_ARGUMENT, f)

    /**
     * A write whose answer was lost (a timeout, a broken connection) and whose effect the
     * server's own state could not settle: it may or may not have been done. The message says
     * what was checked; look before repeating the call.
     */
    class OutcomeUnknown internal constructor(f: Fields) : PsbException(ErrorKind.OUTCOME_UNKNOWN, f)

    private constructor(kind: ErrorKind, f: Fields) :
        this(kind, f.description, f.status, f.detail, f.validation, f.retryAfter, f.operation)

    internal class Fields(
        val description: String,
        val status: Int? = null,
        val detail: String = "",
        val validation: List<ValidationIssue> = emptyList(),
        val retryAfter: Duration? = null,
        val operation: String? = null,
    )

    internal companion object {
        /** An InvalidArgument raised by this layer (a negative count, a file it cannot read). */
        fun invalidArgument(detail: String): InvalidArgument =
            InvalidArgument(Fields("InvalidArgument: $detail", detail = detail))

        /** The native error (one record, its kind naming it) as the subclass of its kind. */
        fun from(e: Native): PsbException {
            val f = when (e) {
                is Native.Failed -> Fields(
                    e.description,
                    e.status?.toInt(),
                    e.detail,
                    e.validation,
                    e.retryAfterMs?.let { it.toLong().milliseconds },
                    e.operation,
                )
            }
            return when (e.kind) {
                ErrorKind.BAD_REQUEST -> BadRequest(f)
                ErrorKind.UNAUTHORIZED -> Unauthorized(f)
                ErrorKind.FORBIDDEN -> Forbidden(f)
                ErrorKind.NOT_FOUND -> NotFound(f)
                ErrorKind.CONFLICT -> Conflict(f)
                ErrorKind.VALIDATION -> Validation(f)
                ErrorKind.RATE_LIMITED -> RateLimited(f)
                ErrorKind.SERVER -> Server(f)
                ErrorKind.TIMEOUT -> Timeout(f)
                ErrorKind.CONNECTION -> Connection(f)
                ErrorKind.DECODE -> Decode(f)
                ErrorKind.INVALID_ARGUMENT -> InvalidArgument(f)
                ErrorKind.OUTCOME_UNKNOWN -> OutcomeUnknown(f)
            }
        }
    }
}

/** Runs a native call, converting its error. */
internal inline fun <T> native(block: () -> T): T =
    try {
        block()
    } catch (e: Native) {
        throw PsbException.from(e)
    }
