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
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** Errors: each kind is its own subclass of the sealed PsbException, with the status and the server's detail. */
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
        }
        assertEquals("invalid", name(PsbException.invalidArgument("x")))
        assertTrue(PsbException.invalidArgument("x") is RuntimeException)
    }

    @Test
    fun `a wrong or missing token is Unauthorized but the catalog is public`() = runBlocking {
        val e = assertFailsWith<PsbException.Unauthorized> { sandbox.client("wrong-token").account.get() }
        assertEquals(401, e.status)
        assertEquals(ErrorKind.UNAUTHORIZED, e.kind)
        assertTrue(e.detail.isNotEmpty())
        assertEquals("users_get_data", e.operation)
        assertTrue("/users/me" in e.message, e.message)
        assertFalse("wrong-token" in e.message + e.toString() + e.stackTraceToString())
        val anonymous = sandbox.client(null)
        assertFailsWith<PsbException.Unauthorized> { anonymous.account.get() }
        assertTrue(anonymous.products.list().isNotEmpty() && anonymous.recipes.list().isNotEmpty())
    }

    @Test
    fun `another user's objects are not found`() = runBlocking {
        val other = sandbox.client(OTHER_TOKEN)
        val calls: List<suspend () -> Any> = listOf({ other.orders.get(25284) }, { other.tickets.get(51) }, { other.chats.messages(51) })
        for (call in calls) {
            assertEquals(404, assertFailsWith<PsbException.NotFound> { call() }.status)
        }
        val e = assertFailsWith<PsbException.NotFound> { sandbox.client().orders.get(999999) }
        assertEquals("order_get_order_by_id", e.operation)
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
    fun `a balance too low is a BadRequest and buys nothing`() = runBlocking {
        val client = sandbox.client()
        val before = client.orders.list().size
        val product = client.products.get(175)
        val order = NewOrder(
            productId = product.id,
            payment = PaymentMethod.BALANCE,
            os = product.os[0].id,
            controlPanel = product.controlPanel[0].id,
        )
        var bought = 0
        val e = assertFailsWith<PsbException.BadRequest> {
            while (bought < 1000) {
                client.orders.create(order)
                bought++
            }
        }
        assertEquals(400, e.status)
        assertTrue("balance" in e.detail.lowercase(), e.detail)
        assertEquals(before + bought, client.orders.list().size)
        val pending = client.orders.create(order.copy(payment = PaymentMethod.HELEKET))
        assertNotNull(pending.paymentUrl)
        assertEquals("AwaitingPayment", pending.order.status)
    }

    @Test
    fun `actions on a deleted order conflict`() = runBlocking {
        val client = sandbox.client()
        client.orders.terminate(25284)
        assertEquals(409, assertFailsWith<PsbException.Conflict> { client.servers.start(25284) }.status)
        assertFailsWith<PsbException.Conflict> { client.orders.prolong(25284) }
        Unit
    }

    @Test
    fun `bad arguments are refused before sending`() = runBlocking {
        val client = sandbox.client()
        val calls: Map<String, suspend () -> Any> = mapOf(
            "payment_get_all" to { client.payments.list(pageSize = 0) },
            "tickets_get_ticket_list" to { client.tickets.list(pageSize = 11) },
            "chats_get_chat_messages_by_id" to { client.chats.messages(51, limit = 101) },
            "server_change_port" to { client.servers.changePort(25284, 70000) },
            "server_add_ptr_record_to_ip" to { client.servers.addPtr(25284, "", "x.example.com") },
            "chats_create_chat_message" to { client.chats.send(51) },
            "server_change_password" to { client.servers.changePassword(25284, "") },
        )
        for ((op, call) in calls) {
            val e = assertFailsWith<PsbException.InvalidArgument>(op) { call() }
            assertNull(e.status)
            assertEquals(0, sandbox.attempts(op), "$op was sent")
        }
        // What Kotlin's types allow and the API's do not: negative counts.
        assertFailsWith<PsbException.InvalidArgument> { client.payments.list(pageSize = -1) }
        assertFailsWith<PsbException.InvalidArgument> { client.servers.changePort(25284, -22) }
        assertEquals(0, sandbox.attempts("payment_get_all"))
    }

    @Test
    fun `a bad configuration is refused`() {
        val e = assertFailsWith<PsbException.InvalidArgument> { Client(token = TOKEN, baseUrl = "http://example.com") }
        assertTrue("unencrypted" in e.message, e.message)
        assertFailsWith<PsbException.InvalidArgument> { Client(token = "", baseUrl = "https://example.com") }
        assertFailsWith<PsbException.InvalidArgument> { Client(token = TOKEN, baseUrl = "not a url") }
        assertFailsWith<PsbException.InvalidArgument> { Client(token = TOKEN, maxRetries = -1) }
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
