package hosting.psb

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlin.time.Duration

/** What every resource is: a handle on the client's native resource. */
sealed class Resource(private val handle: AutoCloseable) {
    internal fun release() = handle.close()

    override fun toString(): String = "${javaClass.simpleName}()"
}

/** A cold [Flow] over a native page walk: each collection starts its own walk, lazily. */
internal fun <S : AutoCloseable, T : Any> walk(open: () -> S, next: suspend (S) -> T?): Flow<T> = flow {
    open().use { stream ->
        while (true) {
            val item = native { next(stream) } ?: break
            emit(item)
        }
    }
}

/** A duration as the native milliseconds: negative is an InvalidArgument by name. */
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
