// What a Kotlin 2.2 user writes: the client, a vocabulary in a `when`, the sealed error.
import hosting.psb.Client
import hosting.psb.PsbException
import hosting.psb.ServerStatus
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

fun describe(status: ServerStatus): String = when (status) {
    ServerStatus.Active -> "running"
    ServerStatus.Stopped -> "stopped"
    ServerStatus.Ordered, ServerStatus.Deleted, ServerStatus.Error -> status.name
    is ServerStatus.Unknown -> "unknown: ${status.raw}"
}

fun main(args: Array<String>): Unit = runBlocking {
    Client(token = "sandbox-token", baseUrl = args[0], timeout = 10.seconds).use { client ->
        val detail = client.orders.get(25284)
        println("order ${detail.orderData.id}: ${detail.orderData.status}, server ${describe(ServerStatus.Active)}")
        try {
            client.orders.get(1)
        } catch (e: PsbException.NotFound) {
            println("not found: ${e.status}")
        }
    }
}
