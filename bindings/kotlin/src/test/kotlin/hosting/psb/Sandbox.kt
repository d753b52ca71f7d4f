package hosting.psb

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.sun.jna.Library
import com.sun.jna.Native
import org.junit.jupiter.api.BeforeEach
import java.io.BufferedReader
import java.io.InputStreamReader
import java.net.URI
import java.net.URLEncoder
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

const val TOKEN = "sandbox-token"
const val OTHER_TOKEN = "sandbox-token-2"

/**
 * The real sandbox: the built `psb-mock` binary (system property `psb.mock`, set by the pom, or
 * the environment's `PSB_MOCK_BIN`) on a free loopback port, one per test JVM, reset before each
 * test (see [SandboxTest]).
 */
object Sandbox {
    private val mapper = ObjectMapper()
    private val http: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
    private val process: Process
    val url: String

    init {
        val binary = System.getenv("PSB_MOCK_BIN") ?: System.getProperty("psb.mock")
            ?: error("set the system property psb.mock (the pom does) or PSB_MOCK_BIN")
        check(Files.isExecutable(Path.of(binary))) { "$binary is missing: cargo build -p psb-mock" }
        process = ProcessBuilder(binary, "--addr", "127.0.0.1:0", "--transition-ms", "200")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()
        val out = BufferedReader(InputStreamReader(process.inputStream))
        val line = out.readLine()?.trim() ?: error("psb-mock said nothing")
        check(line.startsWith("listening on ")) { "psb-mock said $line" }
        url = line.removePrefix("listening on ")
        // Keep reading its stdout so it never blocks on a full pipe.
        Thread({ out.lineSequence().forEach { } }, "psb-mock-stdout").apply { isDaemon = true }.start()
        Runtime.getRuntime().addShutdownHook(Thread { process.destroy() })
    }

    private fun request(method: String, path: String, body: Any? = null): JsonNode {
        val b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
        if (body != null) {
            b.header("content-type", "application/json")
            b.method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody())
        }
        val r = http.send(b.build(), HttpResponse.BodyHandlers.ofString())
        check(r.statusCode() in 200..299) { "$method $path: ${r.statusCode()} ${r.body()}" }
        return mapper.readTree(r.body().ifEmpty { "null" })
    }

    fun reset() {
        request("POST", "/__sandbox/reset")
    }

    /** Queues [fault] for the next [count] requests of [operationId]. */
    fun fault(operationId: String, count: Int, fault: Map<String, Any>) {
        request("POST", "/__sandbox/faults", mapOf("operation_id" to operationId, "count" to count, "fault" to fault))
    }

    /** Makes the API answer with other values in place of the known ones of [replace]. */
    fun vocabulary(replace: Map<String, String>) {
        request("POST", "/__sandbox/vocabulary", mapOf("replace" to replace))
    }

    fun coverage(): JsonNode = request("GET", "/__sandbox/coverage")

    /** How many requests of [operationId] the sandbox saw since the last reset. */
    fun attempts(operationId: String): Int {
        val id = URLEncoder.encode(operationId, Charsets.UTF_8)
        return request("GET", "/__sandbox/requests?operation_id=$id&limit=1000")["requests"].size()
    }

    /** The requests of [operationId] the sandbox saw since the last reset, oldest first. */
    fun requests(operationId: String): JsonNode {
        val id = URLEncoder.encode(operationId, Charsets.UTF_8)
        return request("GET", "/__sandbox/requests?operation_id=$id&limit=1000")["requests"]
    }

    /** An attachment's bytes, by its id or URL. */
    fun attachment(idOrUrl: Any): ByteArray {
        val s = idOrUrl.toString()
        val uri = if (s.startsWith("http")) s else "$url/__sandbox/attachments/$s"
        val r = http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofByteArray())
        check(r.statusCode() == 200) { "GET $uri: ${r.statusCode()}" }
        return r.body()
    }

    /** A client of the sandbox: retries as in production, with millisecond backoffs. */
    fun client(
        token: String? = TOKEN,
        timeout: kotlin.time.Duration? = null,
        maxRetries: Int? = null,
    ): Client = Client(
        token = token,
        baseUrl = url,
        timeout = timeout,
        maxRetries = maxRetries,
        initialBackoff = 5.milliseconds,
        maxBackoff = 20.milliseconds,
        maxRetryAfter = 2.seconds,
    )
}

/** Every test class against the sandbox: a fresh world before each test. */
abstract class SandboxTest {
    val sandbox = Sandbox

    @BeforeEach
    fun resetSandbox() = Sandbox.reset()
}

/** The process environment, which the Rust core reads (`Client.fromEnv()`), changed through libc. */
object Env {
    private interface LibC : Library {
        fun setenv(name: String, value: String, overwrite: Int): Int
        fun unsetenv(name: String): Int
    }

    private val libc: LibC = Native.load("c", LibC::class.java)

    fun set(name: String, value: String?) {
        check((if (value == null) libc.unsetenv(name) else libc.setenv(name, value, 1)) == 0)
    }

    /** Runs [block] with these variables set (null: unset), then puts the old values back. */
    fun <T> with(vararg vars: Pair<String, String?>, block: () -> T): T {
        val old = vars.map { (k, _) -> k to System.getenv(k) }
        vars.forEach { (k, v) -> set(k, v) }
        try {
            return block()
        } finally {
            old.forEach { (k, v) -> set(k, v) }
        }
    }
}
