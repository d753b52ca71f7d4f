package hosting.psb

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/**
 * Walks as Kotlin has them: cold Flows, lazy and cancellable, more than one page of chat messages, concurrent
 * calls (list and iter themselves are shared scenarios, tests/scenarios/cases.json).
 */
class PaginationTest : SandboxTest() {
    @Test
    fun `iter is lazy and cold`() = runBlocking {
        val flow = sandbox.client().payments.iter(pageSize = 1)
        assertEquals(0, sandbox.attempts("payment_get_all"), "nothing is fetched before collecting")
        flow.first()
        assertEquals(1, sandbox.attempts("payment_get_all"))
        flow.take(2).toList()
        assertEquals(3, sandbox.attempts("payment_get_all"), "each collection walks anew, page by page")
    }

    @Test
    fun `many chat messages are walked 100 at a time`() = runBlocking {
        val client = sandbox.client()
        repeat(120) { client.chats.send(51, "message $it") }
        val messages = client.chats.iterMessages(51).toList()
        assertTrue(messages.size >= 121)
        assertEquals((0 until 120).map { "message $it" }, messages.takeLast(120).map { it.text })
        assertEquals(messages.size, messages.map { it.id }.toSet().size)
    }

    @Test
    fun `many concurrent calls from one client`() = runBlocking(Dispatchers.Default) {
        val client = sandbox.client()
        val accounts = (1..64).map { async { client.account.get() } }.awaitAll()
        assertEquals(setOf("user"), accounts.map { it.username }.toSet())
    }

    @Test
    fun `a failing page ends the flow with the PsbException`() = runBlocking {
        assertFailsWith<PsbException.Unauthorized> { sandbox.client("wrong").payments.iter().toList() }
        sandbox.fault("payment_get_all", 1, mapOf("type" to "malformed_json"))
        val seen = mutableListOf<Long>()
        assertFailsWith<PsbException.Decode> { sandbox.client().payments.iter(pageSize = 2).collect { seen += it.id } }
        assertEquals(emptyList(), seen)
        // The flow is cold: psb checks the page size when the walk starts.
        assertFailsWith<PsbException.InvalidArgument> { sandbox.client().tickets.iter(pageSize = -1).toList() }
        Unit
    }

    @Test
    fun `stopping early leaves nothing behind`() = runBlocking {
        val first = sandbox.client().payments.iter(pageSize = 1).first()
        assertTrue(first.id > 0)
        assertEquals(1, sandbox.attempts("payment_get_all"))
    }
}
