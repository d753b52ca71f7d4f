package hosting.psb.bench

import com.fasterxml.jackson.annotation.JsonIgnoreProperties
import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.PropertyNamingStrategies
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule
import com.fasterxml.jackson.module.kotlin.jacksonObjectMapper
import com.fasterxml.jackson.module.kotlin.readValue
import hosting.psb.Client
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.io.BufferedReader
import java.io.InputStreamReader
import java.math.BigDecimal
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.OffsetDateTime

/**
 * hosting.psb against a hand-written client (java.net.http + Jackson, with Kotlin data classes
 * of the same responses) on the same calls, against one sandbox (`psb-mock --orders 1000`):
 * account.get sequentially and 64 at once, and orders.list with 1,003 orders. Prints a Markdown
 * table and writes it to target/bench.md. Run: `mvn test -Pbench` (after `cargo xtask kotlin`).
 */
@Tag("bench")
class BenchmarkTest {
    private val token = "sandbox-token"

    // --- the hand-written baseline ---------------------------------------------------------

    @JsonIgnoreProperties(ignoreUnknown = true)
    data class Account(
        val id: Long, val email: String, val username: String, val roleId: Long,
        val balance: BigDecimal, val isVerified: Boolean, val newsletter: Boolean,
    )

    @JsonIgnoreProperties(ignoreUnknown = true)
    data class ProductSummary(
        val id: Long, val title: String, val price: BigDecimal, val billId: String?, val type: String,
        val country: String, val profit: BigDecimal?, val status: Boolean?,
    )

    @JsonIgnoreProperties(ignoreUnknown = true)
    data class ControlPanel(val id: Long, val name: String, val price: BigDecimal?, val content: String?)

    @JsonIgnoreProperties(ignoreUnknown = true)
    data class IssuedOrder(
        val id: Long, val orderId: Long, val ip: String?, val port: Long?, val superuser: String?,
        val password: String?, val ipv6Addr: String?, val ipv6Subnet: String?, val url: String?, val qr: String?,
    )

    @JsonIgnoreProperties(ignoreUnknown = true)
    data class Order(
        val id: Long, val orderId: String, val userId: Long, val product: ProductSummary, val os: String?,
        val controlPanel: ControlPanel?, val period: Long?, val domain: String?, val name: String = "",
        val recipeId: Long?, val autoRefresh: Boolean, val status: String, val dateCreate: OffsetDateTime,
        val dateEnd: OffsetDateTime?, val issuedOrder: IssuedOrder?,
    )

    class Baseline(private val baseUrl: String, private val token: String) {
        private val http: HttpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        private val json = jacksonObjectMapper()
            .registerModule(JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)

        private suspend fun get(path: String): ByteArray {
            val request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", token).GET().build()
            val r = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).await()
            check(r.statusCode() == 200) { "GET $path: ${r.statusCode()}" }
            return r.body()
        }

        suspend fun account(): Account = json.readValue(get("/users/me"))

        suspend fun orders(): List<Order> = json.readValue(get("/order"))
    }

    // --- measuring -------------------------------------------------------------------------

    private suspend fun medianMs(reps: Int, warmups: Int, f: suspend () -> Unit): Double {
        repeat(warmups) { f() }
        val times = (1..reps).map {
            val t = System.nanoTime()
            f()
            (System.nanoTime() - t) / 1e6
        }.sorted()
        return times[times.size / 2]
    }

    @Test
    fun bench() {
        val binary = System.getProperty("psb.mock")
        val mock = ProcessBuilder(binary, "--addr", "127.0.0.1:0", "--orders", "1000")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()
        try {
            val url = BufferedReader(InputStreamReader(mock.inputStream)).readLine().removePrefix("listening on ").trim()
            val rows = runBlocking(Dispatchers.Default) { run(url) }
            val table = buildString {
                appendLine("| case | hosting.psb | java.net.http + Jackson | speed-up |")
                appendLine("|---|---:|---:|---:|")
                for ((case, a, b) in rows) appendLine("| $case | %.1f ms | %.1f ms | %.2fx |".format(a, b, b / a))
            }
            println(table)
            Files.writeString(Path.of("target/bench.md"), table)
        } finally {
            mock.destroy()
            mock.waitFor()
        }
    }

    private suspend fun run(url: String): List<Triple<String, Double, Double>> {
        val reps = 7
        val n = 200
        val psb = Client(token = token, baseUrl = url)
        val base = Baseline(url, token)
        val rows = mutableListOf<Triple<String, Double, Double>>()
        // JIT warm-up of both paths before anything is measured.
        repeat(300) { psb.account.get(); base.account() }
        repeat(5) { check(psb.orders.list().size > 1000); check(base.orders().size > 1000) }

        rows += Triple(
            "account.get x$n, sequential",
            medianMs(reps, 1) { repeat(n) { psb.account.get() } },
            medianMs(reps, 1) { repeat(n) { base.account() } },
        )
        suspend fun concurrent(f: suspend () -> Any) = coroutineScope { (1..64).map { async { f() } }.awaitAll() }
        rows += Triple(
            "64 concurrent account.get",
            medianMs(reps * 3, 3) { concurrent { psb.account.get() } },
            medianMs(reps * 3, 3) { concurrent { base.account() } },
        )
        rows += Triple(
            "orders.list, 1,003 orders",
            medianMs(reps, 1) { check(psb.orders.list().size > 1000) },
            medianMs(reps, 1) { check(base.orders().size > 1000) },
        )
        psb.close()
        return rows
    }
}
