package hosting.psb

import hosting.psb.model.NewOrder
import hosting.psb.model.PaymentMethod
import kotlinx.coroutines.runBlocking
import java.net.ServerSocket
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds

/**
 * Faults beyond the shared scenarios (tests/scenarios/cases.json holds the fault matrix, run here
 * too by ScenariosTest): nothing listening, and a call cancelled as coroutines cancel.
 */
class FaultsTest : SandboxTest() {
    @Test
    fun `a connection refused is a Connection error`() = runBlocking {
        val port = ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()).use { it.localPort }
        val client = Client(token = "t", baseUrl = "http://127.0.0.1:$port", initialBackoff = 5.milliseconds, maxBackoff = 20.milliseconds)
        assertFailsWith<PsbException.Connection> { client.orders.create(NewOrder(productId = 1, payment = PaymentMethod.BALANCE)) }
        Unit
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
}
