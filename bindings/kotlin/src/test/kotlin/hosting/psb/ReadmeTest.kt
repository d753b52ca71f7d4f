package hosting.psb

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** The README's quickstart is readme/Quickstart.kt, word for word, and it runs against the sandbox. */
class ReadmeTest : SandboxTest() {
    private val readme: String = Files.readString(Path.of(System.getProperty("psb.readme") ?: "README.md"))
    private val source: String = Files.readString(Path.of("src/test/kotlin/hosting/psb/readme/Quickstart.kt"))

    @Test
    fun `the quickstart in the README is the tested one`() {
        val block = Regex("```kotlin\n(.*?)```", RegexOption.DOT_MATCHES_ALL).findAll(readme).map { it.groupValues[1] }.first()
        val tested = source.substringAfter("verbatim below this line (ReadmeTest compares them and runs it).\n")
        assertEquals(tested, block)
    }

    @Test
    fun `the quickstart runs`() {
        val out = ByteArrayOutputStream()
        val stdout = System.out
        System.setOut(PrintStream(out, true, Charsets.UTF_8))
        try {
            Env.with("PSB_API_TOKEN" to TOKEN, "PSB_API_URL" to sandbox.url) { hosting.psb.readme.main() }
        } finally {
            System.setOut(stdout)
        }
        val printed = out.toString(Charsets.UTF_8)
        assertTrue("user: balance" in printed && "\n404 " in printed && "payments: " in printed, printed)
    }
}
