package hosting.psb

import hosting.psb.model.NewOrder
import hosting.psb.model.NewTicket
import hosting.psb.model.PaymentMethod
import hosting.psb.model.Upload
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.math.BigDecimal
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.seconds

/**
 * Every operation of the API, sequentially and concurrently, against one sandbox; the sandbox's
 * coverage then has to show that all 31 operations served a 2xx (the yardstick every binding's
 * suite ends with).
 */
class TourTest : SandboxTest() {
    private val vpsTypes = setOf(ProductType.PsbVps, ProductType.HighCpuPsbVps)

    private fun assertFullCoverage() {
        val coverage = sandbox.coverage()
        assertEquals(0, coverage["without_2xx"].size(), coverage.toString())
        assertEquals(31, coverage["covered"].asInt())
    }

    @Test
    fun `every operation, one after the other`() = runBlocking {
        sandbox.client().use { client ->
            // account and catalog
            val account = client.account.get()
            assertEquals("user", account.username)
            assertTrue(account.balance is BigDecimal)
            val vps = client.products.list(listOf(ProductType.PsbVps, ProductType.HighCpuPsbVps))
            assertTrue(vps.isNotEmpty() && vps.all { it.productType in vpsTypes }, vps.toString())
            val product = client.products.get(175)
            val recipes = client.recipes.list()
            val recipe = client.recipes.get(5)
            assertTrue(recipes.any { it.id == recipe.id })

            // orders
            val orders = client.orders.list()
            assertTrue(orders.any { it.id == 25284L })
            val detail = client.orders.get(25284)
            assertEquals(25284, detail.orderData.id)
            val created = client.orders.create(
                NewOrder(
                    productId = product.id,
                    payment = PaymentMethod.BALANCE,
                    os = product.os[0].id,
                    controlPanel = product.controlPanel[0].id,
                    recipeId = recipe.id,
                    name = "tour",
                ),
            )
            assertEquals(product.id, created.order.product.id)
            val prolonged = client.orders.prolong(25284)
            assertTrue(prolonged.dateEnd!! > detail.orderData.dateEnd!!)
            val toggled = client.orders.toggleAutoProlong(25284)
            assertNotEquals(prolonged.autoRefresh, toggled.autoRefresh)
            val target = client.orders.productsForChange(25284).products[0]
            assertEquals(target.id, client.orders.changeProduct(25284, target.id).product.id)
            assertEquals(76, client.orders.terminate(76).id)

            // payments
            val page = client.payments.list(pageSize = 2)
            assertTrue(page.total >= page.items.size)

            // servers: a stop, a start and a restart, each awaited
            val servers = client.servers
            servers.waitForStatus(25284, ServerStatus.Active, 10.seconds)
            servers.stop(25284)
            servers.waitForStatus(25284, ServerStatus.Stopped, 10.seconds)
            servers.start(25284)
            servers.waitForStatus(25284, ServerStatus.Active, 10.seconds)
            assertEquals(ServerActionState.Complete, servers.restart(25284).wait(10.seconds).state)
            assertTrue(servers.ipAddresses(25284).any { it.ip == "1.1.1.1" })
            assertEquals("nl100.example.com", servers.addPtr(25284, "1.1.1.1", "nl100.example.com").ptr)
            assertEquals("nl200.example.com", servers.updatePtr(25284, "1.1.1.1", "nl200.example.com").ptr)
            servers.changePassword(25284, "n3w-Passw0rd")
            servers.changePort(25284, 2222)
            val systems = client.orders.get(25284).productSystems
            servers.reinstall(25284, systems.firstOrNull()?.id ?: 40)
            assertEquals(IpVersion.V6, servers.assignIpv6(25284).version)

            // tickets and chats
            val tickets = client.tickets.iter(pageSize = 10).toList()
            assertTrue(tickets.any { it.id == 51L })
            val ticket = client.tickets.get(51)
            val log = "kernel: ok\n".toByteArray().toUpload("boot.log")
            val opened = client.tickets.create(
                NewTicket(
                    title = "Server is slow",
                    department = Department.Technical,
                    message = "Since this morning",
                    orderIds = listOf(25284),
                    attachments = listOf(log),
                ),
            )
            assertEquals(Department.Technical, opened.department)
            assertEquals(TicketStatus.Closed, client.tickets.close(opened.id).status)
            assertTrue(client.chats.messages(ticket.chat.info.id, limit = 50, offset = 0).isNotEmpty())
            val sent = client.chats.send(ticket.chat.info.id, "and a log", listOf(log))
            assertEquals(1, sent.attachments.size)
            assertEquals(11, sent.attachments[0].size)
        }
        assertFullCoverage()
    }

    @Test
    fun `every operation, concurrently where it can be`() = runBlocking {
        val client = sandbox.client()
        coroutineScope {
            val account = async { client.account.get() }
            val vps = async { client.products.list(listOf(ProductType.PsbVps, ProductType.HighCpuPsbVps)) }
            val product = async { client.products.get(175) }
            val recipes = async { client.recipes.list() }
            val recipe = async { client.recipes.get(5) }
            assertEquals("user", account.await().username)
            assertTrue(vps.await().all { it.productType in vpsTypes })
            assertTrue(recipes.await().any { it.id == recipe.await().id })

            val (orders, detail) = listOf(async { client.orders.list() }, async { client.orders.get(25284) }).awaitAll()
            assertNotNull(orders)
            assertNotNull(detail)
            val p = product.await()
            val created = client.orders.create(
                NewOrder(
                    productId = p.id,
                    payment = PaymentMethod.BALANCE,
                    os = p.os[0].id,
                    controlPanel = p.controlPanel[0].id,
                    recipeId = recipe.await().id,
                ),
            )
            assertEquals(p.id, created.order.product.id)
            val prolonged = client.orders.prolong(25284, period = null)
            val toggled = client.orders.toggleAutoProlong(25284)
            assertNotEquals(prolonged.autoRefresh, toggled.autoRefresh)
            val target = client.orders.productsForChange(25284).products[0]
            assertEquals(target.id, client.orders.changeProduct(25284, target.id).product.id)
            assertEquals(76, client.orders.terminate(76).id)
            assertTrue(client.payments.list(page = 1, pageSize = 2).total >= 0)

            val s = client.servers
            s.waitForStatus(25284, ServerStatus.Active, 10.seconds)
            s.stop(25284)
            s.waitForStatus(25284, ServerStatus.Stopped, 10.seconds)
            s.start(25284)
            s.waitForStatus(25284, ServerStatus.Active, 10.seconds)
            assertEquals("host_restart", s.restart(25284).wait(10.seconds).name)
            val history = async { s.history(25284) }
            val ips = async { s.ipAddresses(25284) }
            assertTrue(history.await().any { it.name == "host_restart" })
            assertTrue(ips.await().any { it.ip == "1.1.1.1" })
            assertEquals("a.example.com", s.addPtr(25284, "1.1.1.1", "a.example.com").ptr)
            assertEquals("b.example.com", s.updatePtr(25284, "1.1.1.1", "b.example.com").ptr)
            s.changePassword(25284, "n3w-Passw0rd")
            s.changePort(25284, 2222)
            s.reinstall(25284, client.orders.get(25284).productSystems.firstOrNull()?.id ?: 40)
            assertEquals(IpVersion.V6, s.assignIpv6(25284).version)

            assertTrue(client.tickets.iter(pageSize = 10).toList().any { it.id == 51L })
            val ticket = client.tickets.get(51)
            val opened = client.tickets.create(
                NewTicket(title = "Slow", department = Department.Sales, message = "Help", orderIds = listOf(25284), attachments = emptyList()),
            )
            assertEquals(TicketStatus.Closed, client.tickets.close(opened.id).status)
            assertTrue(client.chats.messages(ticket.chat.info.id).isNotEmpty())
            val sent = client.chats.send(ticket.chat.info.id, attachments = listOf(Upload.of("12345".toByteArray())))
            assertEquals(5, sent.attachments[0].size)
        }
        client.close()
        assertFullCoverage()
    }
}
