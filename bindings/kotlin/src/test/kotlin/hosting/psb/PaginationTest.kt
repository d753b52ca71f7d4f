package hosting.psb

import hosting.psb.model.PaymentSortBy
import hosting.psb.model.SortOrder
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

/** `list` returns one page; `iter` is a cold Flow that walks them all lazily and stops after the last. */
class PaginationTest : SandboxTest() {
    @Test
    fun `payments page by page`() = runBlocking {
        val client = sandbox.client()
        val first = client.payments.list(pageSize = 2, sortBy = PaymentSortBy.ID, sortOrder = SortOrder.DESC)
        assertEquals(1L to 2L, first.page to first.size)
        assertTrue(first.pages >= 2)
        assertTrue(first.items[0].id > first.items[1].id)
        val everything = client.payments.iter(pageSize = 2).toList()
        assertEquals(first.total, everything.size.toLong())
        assertEquals(everything.size, everything.map { it.id }.toSet().size)
        // One request for the first page above, then one per page, none after the last.
        assertEquals(1 + first.pages.toInt(), sandbox.attempts("payment_get_all"))
    }

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
    fun `tickets and chat messages`() = runBlocking {
        val client = sandbox.client()
        val ids = client.payments.iter(pageSize = 3).map { it.id }.toList()
        assertEquals(ids, client.payments.iter(pageSize = 7).map { it.id }.toList())
        assertEquals(client.tickets.list().total, client.tickets.iter(pageSize = 2).toList().size.toLong())
        val messages = client.chats.iterMessages(51).toList()
        assertEquals(client.chats.messages(51, limit = 100).map { it.id }, messages.map { it.id })
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
