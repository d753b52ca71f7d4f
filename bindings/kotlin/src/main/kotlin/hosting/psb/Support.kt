package hosting.psb

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

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
