package hosting.psb

import hosting.psb.model.NewTicket
import kotlinx.coroutines.runBlocking
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertSame
import kotlin.test.assertTrue

/** The vocabularies as sealed classes: decoded from the sandbox, unknown-safe, and typed as input. */
class VocabulariesTest : SandboxTest() {
    @Test
    fun `values have English names and keep the server's spelling`() {
        assertEquals("Issued", OrderStatus.Issued.name)
        assertEquals("Заказ выдан", OrderStatus.Issued.wire)
        assertEquals("Issued", OrderStatus.Issued.toString())
        assertSame(OrderStatus.Issued, OrderStatus.of("issued"))
        assertSame(OrderStatus.Issued, OrderStatus.of("Заказ выдан"))
        assertEquals(null, OrderStatus.find("Issud"))
        val e = assertFailsWith<IllegalArgumentException> { ServerStatus.of("Actve") }
        assertTrue(e.message!!.contains("Actve is not a ServerStatus (one of Stopped, Active"), e.message)
        assertEquals(listOf("PsbVps", "HighCpuPsbVps", "Bulletproof", "AVpn"), ProductType.entries.map { it.name })
    }

    @Test
    fun `what the server sends decodes as values`() = runBlocking {
        sandbox.client().use { client ->
            assertSame(OrderStatus.Issued, client.orders.get(25284).orderData.status)
            val products = client.products.list(listOf(ProductType.PsbVps))
            assertTrue(products.isNotEmpty() && products.all { it.productType == ProductType.PsbVps })
            val ticket = NewTicket(title = "t", department = Department.Sales, message = "m", orderIds = emptyList(), attachments = emptyList())
            val opened = client.tickets.create(ticket)
            // An exhaustive `when`: every value, and Unknown.
            val department = when (opened.department) {
                Department.Sales -> "sales"
                Department.Technical -> "technical"
                is Department.Unknown -> "unknown"
            }
            assertEquals("sales", department)
        }
    }

    @Test
    fun `a value this version does not know is kept`() = runBlocking {
        sandbox.vocabulary(mapOf("Заказ выдан" to "Заморожен"))
        sandbox.client().use { client ->
            val status = client.orders.get(25284).orderData.status
            assertIs<OrderStatus.Unknown>(status)
            assertEquals("Заморожен", status.raw)
            assertEquals("Заморожен", status.wire)
            assertEquals(status, OrderStatus.lift("Заморожен"))
            assertNotEquals<OrderStatus>(OrderStatus.Issued, status)
        }
    }
}
