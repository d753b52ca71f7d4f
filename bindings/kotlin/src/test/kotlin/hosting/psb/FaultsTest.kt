package hosting.psb

import hosting.psb.model.NewOrder
import hosting.psb.model.PaymentMethod
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource
import java.net.ServerSocket
import java.time.Duration
import kotlin.reflect.KClass
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds

/**
 * The fault matrix: each fault the sandbox injects, and what the SDK makes of it (the right
 * exception, or a successful retry after a counted number of attempts).
 */
class FaultsTest : SandboxTest() {
    private fun status(status: Int, retryAfter: Int? = null, detail: String? = null): Map<String, Any> =
        buildMap {
            put("type", "status")
            put("status", status)
            retryAfter?.let { put("retry_after", it) }
            detail?.let { put("detail", it) }
        }

    @Test
    fun `a 503 is retried until it passes`() = runBlocking {
        sandbox.fault("users_get_data", 2, status(503))
        sandbox.client().account.get()
        assertEquals(3, sandbox.attempts("users_get_data"))
    }

    @Test
    fun `retries stop after maxRetries`() = runBlocking {
        sandbox.fault("users_get_data", 5, status(503, detail = "maintenance"))
        val e = assertFailsWith<PsbException.Server> { sandbox.client().account.get() }
        assertEquals(503 to "maintenance", e.status to e.detail)
        assertEquals(3, sandbox.attempts("users_get_data"), "1 attempt + 2 retries")
        sandbox.reset()
        sandbox.fault("users_get_data", 1, status(503))
        assertFailsWith<PsbException.Server> { sandbox.client(maxRetries = 0).account.get() }
        assertEquals(1, sandbox.attempts("users_get_data"))
    }

    @Test
    fun `Retry-After is honoured`() = runBlocking {
        sandbox.fault("order_get_user_orders", 1, status(503, retryAfter = 1))
        val started = System.nanoTime()
        sandbox.client().orders.list()
        assertTrue(System.nanoTime() - started >= 950_000_000L)
        assertEquals(2, sandbox.attempts("order_get_user_orders"))
    }

    @Test
    fun `rate limited for good reports Retry-After`() = runBlocking {
        sandbox.fault("order_get_user_orders", 3, status(429, retryAfter = 0))
        val e = assertFailsWith<PsbException.RateLimited> { sandbox.client().orders.list() }
        assertEquals(429, e.status)
        assertEquals(Duration.ZERO, e.retryAfter)
    }

    @Test
    fun `a Cloudflare page is a Server error, not a Decode error`() = runBlocking {
        sandbox.fault("users_get_data", 3, mapOf("type" to "cloudflare", "status" to 502))
        assertEquals(502, assertFailsWith<PsbException.Server> { sandbox.client().account.get() }.status)
        assertEquals(3, sandbox.attempts("users_get_data"), "502 is retried")
        sandbox.reset()
        sandbox.fault("users_get_data", 1, mapOf("type" to "cloudflare", "status" to 520))
        assertEquals(520, assertFailsWith<PsbException.Server> { sandbox.client().account.get() }.status)
        assertEquals(1, sandbox.attempts("users_get_data"))
    }

    @Test
    fun `a slow answer times out and a GET is retried`() = runBlocking {
        val client = sandbox.client(timeout = 300.milliseconds)
        sandbox.fault("users_get_data", 1, mapOf("type" to "latency", "ms" to 1500))
        client.account.get()
        sandbox.fault("users_get_data", 3, mapOf("type" to "latency", "ms" to 1500))
        assertNull(assertFailsWith<PsbException.Timeout> { client.account.get() }.status)
    }

    @Test
    fun `a dropped connection is retried for a GET`() = runBlocking {
        sandbox.fault("order_get_order_by_id", 1, mapOf("type" to "drop"))
        sandbox.client().orders.get(25284)
        assertEquals(2, sandbox.attempts("order_get_order_by_id"))
    }

    @Test
    fun `a POST whose connection drops is not repeated`() = runBlocking {
        val client = sandbox.client()
        val before = client.orders.list().size
        val product = client.products.get(175)
        val order = NewOrder(
            productId = product.id,
            payment = PaymentMethod.BALANCE,
            os = product.os[0].id,
            controlPanel = product.controlPanel[0].id,
        )
        sandbox.fault("order_new_order", 1, mapOf("type" to "drop"))
        assertFailsWith<PsbException.Connection> { client.orders.create(order) }
        assertEquals(1, sandbox.attempts("order_new_order"), "an order is never sent twice")
        assertEquals(before + 1, client.orders.list().size)
    }

    @Test
    fun `a connection refused is a Connection error`() = runBlocking {
        val port = ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()).use { it.localPort }
        val client = Client(token = "t", baseUrl = "http://127.0.0.1:$port", initialBackoff = 5.milliseconds, maxBackoff = 20.milliseconds)
        assertFailsWith<PsbException.Connection> { client.orders.create(NewOrder(productId = 1, payment = PaymentMethod.BALANCE)) }
        Unit
    }

    @Test
    fun `a truncated body is retried for a GET`() = runBlocking {
        sandbox.fault("order_get_user_orders", 1, mapOf("type" to "truncate"))
        sandbox.client().orders.list()
        assertEquals(2, sandbox.attempts("order_get_user_orders"))
    }

    @Test
    fun `malformed JSON is a Decode error`() = runBlocking {
        sandbox.fault("users_get_data", 1, mapOf("type" to "malformed_json"))
        assertFailsWith<PsbException.Decode> { sandbox.client().account.get() }
        assertEquals(1, sandbox.attempts("users_get_data"), "a decode error is not retried")
    }

    @Test
    fun `a multipart POST is not repeated after a 503`() = runBlocking {
        sandbox.fault("chats_create_chat_message", 1, status(503))
        assertEquals(503, assertFailsWith<PsbException.Server> { sandbox.client().chats.send(51, "hello") }.status)
        assertEquals(1, sandbox.attempts("chats_create_chat_message"))
    }

    @Test
    fun `PUTs are retried`() = runBlocking {
        sandbox.fault("server_change_port", 1, mapOf("type" to "status", "status" to 502))
        sandbox.client().servers.changePort(25284, 2200)
        assertEquals(2, sandbox.attempts("server_change_port"))
    }

    @Test
    fun `a call is cancellable`() = runBlocking {
        sandbox.fault("users_get_data", 1, mapOf("type" to "latency", "ms" to 1500))
        val client = sandbox.client()
        val started = System.nanoTime()
        assertFailsWith<kotlinx.coroutines.TimeoutCancellationException> {
            kotlinx.coroutines.withTimeout(200.milliseconds) { client.account.get() }
        }
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "cancelled without waiting for the answer")
        assertEquals("user", client.account.get().username)
    }

    /** Each fault on every attempt: the exception and the number of attempts, then the fault is used up. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    fun `the matrix`(name: String, fault: Map<String, Any>, expected: KClass<out PsbException>, attempts: Int) = runBlocking {
        sandbox.fault("users_get_data", attempts, fault)
        sandbox.client(timeout = 300.milliseconds).use { client ->
            val e = runCatching { client.account.get() }.exceptionOrNull()
            assertTrue(expected.isInstance(e), "$name: expected ${expected.simpleName}, got $e")
            if (fault["type"] != "latency") { // a slow answer is logged once it is sent
                assertEquals(attempts, sandbox.attempts("users_get_data"), name)
            }
            assertEquals("user", client.account.get().username)
        }
    }

    companion object {
        @JvmStatic
        fun matrix(): List<Arguments> = listOf(
            Arguments.of("status 503", mapOf("type" to "status", "status" to 503), PsbException.Server::class, 3),
            Arguments.of("status 503 with Retry-After", mapOf("type" to "status", "status" to 503, "retry_after" to 1), PsbException.Server::class, 3),
            Arguments.of("status 429", mapOf("type" to "status", "status" to 429, "retry_after" to 0), PsbException.RateLimited::class, 3),
            Arguments.of("cloudflare 502", mapOf("type" to "cloudflare", "status" to 502), PsbException.Server::class, 3),
            Arguments.of("latency", mapOf("type" to "latency", "ms" to 1500), PsbException.Timeout::class, 3),
            Arguments.of("drop", mapOf("type" to "drop"), PsbException.Connection::class, 3),
            Arguments.of("truncate", mapOf("type" to "truncate"), PsbException.Connection::class, 3),
            Arguments.of("malformed_json", mapOf("type" to "malformed_json"), PsbException.Decode::class, 1),
        )
    }
}
