package hosting.psb

import hosting.psb.model.ErrorKind
import hosting.psb.model.NewOrder
import hosting.psb.model.PaymentMethod
import hosting.psb.model.Upload
import kotlinx.coroutines.runBlocking
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.seconds

/**
 * Errors as Kotlin shows them: one subclass of the sealed PsbException per kind, FastAPI's details, configuration
 * refused, secrets hidden (the errors the sandbox produces are shared scenarios, tests/scenarios/cases.json).
 */
class ErrorsTest : SandboxTest() {
    @Test
    fun `the hierarchy is sealed, one subclass per kind`() {
        val subclasses = PsbException::class.java.declaredClasses
            .filter { PsbException::class.java.isAssignableFrom(it) }
            .map { it.simpleName }
            .toSet()
        val kinds = ErrorKind.entries.map { kind ->
            kind.name.split('_').joinToString("") { it.lowercase().replaceFirstChar(Char::uppercase) }
        }
        assertEquals(kinds.toSet(), subclasses)
        // A `when` over the kinds needs no else branch.
        fun name(e: PsbException): String = when (e) {
            is PsbException.BadRequest -> "400"
            is PsbException.Unauthorized -> "401"
            is PsbException.Forbidden -> "403"
            is PsbException.NotFound -> "404"
            is PsbException.Conflict -> "409"
            is PsbException.Validation -> "422"
            is PsbException.RateLimited -> "429"
            is PsbException.Server -> "5xx"
            is PsbException.Timeout -> "timeout"
            is PsbException.Connection -> "connection"
            is PsbException.Decode -> "decode"
            is PsbException.InvalidArgument -> "invalid"
            is PsbException.OutcomeUnknown -> "unknown"
        }
        assertEquals("invalid", name(PsbException.invalidArgument("x")))
        assertTrue(PsbException.invalidArgument("x") is RuntimeException)
    }

    @Test
    fun `default headers go with every request`() = runBlocking {
        Client(token = TOKEN, baseUrl = sandbox.url, defaultHeaders = mapOf("X-Trace" to "trace-kt")).use { client ->
            client.account.get()
        }
        val seen = sandbox.requests("users_get_data")[0]
        assertEquals("trace-kt", seen["extra_headers"]["x-trace"].asText())
        assertEquals("[redacted]", seen["authorization"].asText())
        assertFailsWith<PsbException.InvalidArgument> { Client(defaultHeaders = mapOf("bad name" to "v")) }
        Unit
    }

    @Test
    fun `invalid input is a Validation error with FastAPI's details`() = runBlocking {
        val e = assertFailsWith<PsbException.Validation> {
            sandbox.client().orders.create(NewOrder(productId = 175, payment = PaymentMethod.BALANCE))
        }
        assertEquals(422, e.status)
        assertTrue(e.validation.any { "os" in it.loc }, e.validation.toString())
        assertTrue(e.validation.all { it.msg.isNotEmpty() && it.kind.isNotEmpty() })
        assertTrue("os" in e.message)
    }

    @Test
    fun `a bad configuration is refused`() {
        val e = assertFailsWith<PsbException.InvalidArgument> { Client(token = TOKEN, baseUrl = "http://example.com") }
        assertTrue("unencrypted" in e.message && "(true)" !in e.message, e.message)
        Client(token = TOKEN, baseUrl = "http://example.com", allowInsecureHttp = true).close()
        assertFailsWith<PsbException.InvalidArgument> { Client(token = "", baseUrl = "https://example.com") }
        assertFailsWith<PsbException.InvalidArgument> { Client(token = TOKEN, baseUrl = "not a url") }
        // Ranges are the core's to check, by the option's name.
        val retries = assertFailsWith<PsbException.InvalidArgument> { Client(token = TOKEN, maxRetries = -1) }
        assertTrue("max_retries must be between 0 and" in retries.message, retries.message)
        val timeout = assertFailsWith<PsbException.InvalidArgument> { Client(token = TOKEN, timeout = (-1).seconds) }
        assertTrue("timeout must not be negative" in timeout.message, timeout.message)
    }

    @Test
    fun `the token never shows`() = runBlocking {
        val secret = "sandbox-token"
        val client = sandbox.client(secret)
        val shown = listOf(client.toString(), client.orders.toString(), client.account.toString())
        assertTrue(shown.none { secret in it }, shown.toString())
        assertTrue(sandbox.url in client.toString())
        assertEquals(sandbox.url, client.baseUrl)
        // Nor does a server's password in a record.
        val issued = client.orders.get(25284).issuedOrder
        assertTrue(issued is hosting.psb.model.IssuedOrder.Vps, issued.toString())
        val vps = issued.v1
        assertTrue(vps.password.expose().isNotEmpty())
        assertFalse(vps.password.expose() in issued.toString(), issued.toString())
        assertTrue("Secret(***)" in issued.toString())
        val password = Secret("hunter2")
        assertFalse("hunter2" in password.toString())
        assertEquals("hunter2", password.expose())
    }

    @Test
    fun `a closed client refuses calls`() = runBlocking {
        val client = sandbox.client()
        client.use { it.account.get() }
        assertFailsWith<IllegalStateException> { client.account.get() }
        Unit
    }

    @Test
    fun `fromEnv reads PSB_API_TOKEN and PSB_API_URL`() = runBlocking {
        val username = Env.with("PSB_API_TOKEN" to TOKEN, "PSB_API_URL" to sandbox.url) {
            runBlocking { Client.fromEnv().use { it.account.get().username } }
        }
        assertEquals("user", username)
        val e = Env.with("PSB_API_TOKEN" to null) {
            assertFailsWith<PsbException.InvalidArgument> { Client.fromEnv() }
        }
        assertTrue("PSB_API_TOKEN" in e.message, e.message)
    }

    @Test
    fun `an unreadable file is refused before sending`() = runBlocking {
        val e = assertFailsWith<PsbException.InvalidArgument> { Upload.of(java.nio.file.Path.of("/nonexistent/missing.txt")) }
        assertTrue("cannot read" in e.message, e.message)
        assertFailsWith<PsbException.InvalidArgument> {
            sandbox.client().chats.send(51, attachments = listOf(Upload.of(byteArrayOf(1), contentType = "not a type")))
        }
        assertEquals(0, sandbox.attempts("chats_create_chat_message"))
        assertFailsWith<PsbException.NotFound> { sandbox.client().chats.send(999999, "nobody's chat") }
        Unit
    }
}
