package hosting.psb.readme

// The README's quickstart, verbatim below this line (ReadmeTest compares them and runs it).
import hosting.psb.Client
import hosting.psb.Department
import hosting.psb.ProductType
import hosting.psb.PsbException
import hosting.psb.ServerActionState
import hosting.psb.model.NewTicket
import hosting.psb.toUpload
import java.math.BigDecimal
import java.nio.file.Files
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.fold
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

fun main() = runBlocking {
    Client.fromEnv().use { client ->   // or Client(token = "...", baseUrl = "https://...")
        val account = client.account.get()
        println("${account.username}: balance ${account.balance}")   // a BigDecimal

        // Every call is a suspend fun: run them concurrently with async.
        val orders = async { client.orders.list() }
        val products = async { client.products.list(listOf(ProductType.PsbVps, ProductType.HighCpuPsbVps)) }
        println("${orders.await().size} orders, ${products.await().size} VPS products")
        for (order in orders.await()) {
            println("${order.id} ${order.product.title} ${order.status} ${order.dateEnd}")   // dateEnd: an Instant
        }

        // Power actions are asynchronous at the provider: the call returns a handle to wait on,
        // which ends when the restart's own history entry has completed.
        val restart = client.servers.restart(25284)
        val entry = restart.wait(timeout = 60.seconds)
        check(entry.name == "host_restart" && entry.state == ServerActionState.Complete) { "restart not over: $entry" }

        // Pages are fetched as the Flow is collected.
        val total = client.payments.iter(pageSize = 100).fold(BigDecimal.ZERO) { sum, p -> sum + p.amount }
        println("payments: $total")

        // Attachments from ByteArrays and Paths.
        val log = Files.writeString(Files.createTempFile("boot", ".log"), "kernel: ok\n")
        val ticket = client.tickets.create(
            NewTicket(
                title = "Server is slow",
                department = Department.Technical,
                message = "Since this morning",
                orderIds = listOf(25284),
                attachments = listOf(log.toUpload()),
            ),
        )
        client.chats.send(ticket.chat.info.id, "one more thing", listOf("...".toByteArray().toUpload("notes.txt")))

        try {
            client.orders.get(1)
        } catch (e: PsbException.NotFound) {
            println("${e.status} ${e.detail}")   // 404 and the server's message
        }
    }
}
