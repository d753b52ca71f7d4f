package hosting.psb

/**
 * A secret the API hands out (a server's password). [toString] never shows it; [expose] does.
 * Equal when the values are.
 */
class Secret(private val value: String) {
    /** The secret itself. */
    fun expose(): String = value

    override fun toString(): String = "Secret(***)"
    override fun equals(other: Any?): Boolean = other is Secret && other.value == value
    override fun hashCode(): Int = value.hashCode()
}
