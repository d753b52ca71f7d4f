package hosting.psb

/**
 * What every vocabulary of the API is (their sealed classes are generated into Vocabularies.kt):
 * a value with its English [name] and the server's spelling, [wire]. Two values are equal when
 * they are of the same vocabulary value (an unknown one: the same raw text).
 */
public abstract class Vocabulary internal constructor(
    /** The English name (an unknown value's raw text). */
    public val name: String,
    /** The value as the server spells it. */
    public val wire: String,
) {
    override fun equals(other: Any?): Boolean = other != null && other::class == this::class && (other as Vocabulary).wire == wire

    override fun hashCode(): Int = wire.hashCode()

    override fun toString(): String = name
}

/** A vocabulary's companion: its known values, and the value of a name or a spelling. */
public abstract class VocabularyValues<V : Vocabulary> internal constructor(
    private val type: String,
    known: () -> List<V>,
    private val unknown: (String) -> V,
) {
    /** Every value this version knows, in the provider's order. */
    public val entries: List<V> by lazy(known)

    /** The value of an English name (any case) or of the server's spelling, or null. */
    public fun find(value: String): V? = entries.firstOrNull { it.name.equals(value, ignoreCase = true) || it.wire == value }

    /** The value of an English name or of the server's spelling; an [IllegalArgumentException] otherwise. */
    public fun of(value: String): V =
        find(value) ?: throw IllegalArgumentException("$value is not a $type (one of ${entries.joinToString()})")

    /** What the native layer hands back: a known value, or an unknown one kept with its raw text. */
    internal fun lift(value: String): V = find(value) ?: unknown(value)
}
