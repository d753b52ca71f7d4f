package hosting.psb

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.nio.file.Files
import java.nio.file.Path
import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.full.companionObjectInstance
import kotlin.reflect.full.callSuspendBy
import kotlin.reflect.full.instanceParameter
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.full.superclasses
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource

/**
 * Kotlin's runner of the shared behaviour scenarios (tests/scenarios/cases.json, format in
 * tests/README.md): each scenario against a fresh sandbox. Methods are found by the table's names
 * (camelCase) with kotlin-reflect and called with named arguments, converted by their Kotlin types.
 */
class ScenariosTest {
    private val mapper = ObjectMapper()
    private val table: JsonNode = mapper.readTree(Files.readString(Path.of(System.getProperty("psb.surface"))))
    private val cases: JsonNode = mapper.readTree(Files.readString(Path.of(System.getProperty("psb.scenarios"))))
    private val methods: Map<String, JsonNode> = buildMap {
        for (r in table["resources"]) for (m in r["methods"]) put("${r["name"].asText()}.${m["name"].asText()}", m)
        for (h in table["handles"]) for (m in h["methods"]) put("${h["name"].asText()}.${m["name"].asText()}", m)
    }

    @TestFactory
    fun scenarios(): List<DynamicTest> = cases["scenarios"].map { scenario ->
        DynamicTest.dynamicTest(scenario["name"].asText()) {
            Sandbox.reset()
            runBlocking { Run(scenario).use { run -> scenario["steps"].forEach { run.step(it) } } }
        }
    }

    private inner class Run(scenario: JsonNode) : AutoCloseable {
        private val saved = mutableMapOf<String, Any?>()
        private val client: Client

        init {
            val options = scenario["client"]
            val token = options?.get("token")
            client = Client(
                token = if (token == null) TOKEN else token.textValue(),
                baseUrl = Sandbox.url,
                timeout = options?.get("timeout")?.asDouble()?.seconds,
                maxRetries = options?.get("max_retries")?.asInt(),
                initialBackoff = 5.milliseconds,
                maxBackoff = 20.milliseconds,
                maxRetryAfter = 2.seconds,
            )
        }

        override fun close() = client.close()

        fun ref(name: String): Any? {
            val path = name.split(".")
            return walk(saved[path[0]], path.drop(1))
        }

        fun check(what: String, actual: Any?, want: JsonNode) {
            if (want.isObject) {
                when {
                    want.has("$") -> {
                        val ref = ref(want["$"].asText())
                        val expected = if (want.has("plus")) (ref as Long) + want["plus"].asLong() else ref
                        return assertEquals(expected, actual, what)
                    }
                    want.has("at_least") -> return assertTrue((actual as Long) >= want["at_least"].asLong(), "$what: $actual")
                    want.has("not_empty") -> return assertTrue((actual as String).isNotEmpty(), "$what is empty")
                }
            }
            assertEquals(plain(mapper.treeToValue(want, Any::class.java)), actual, what)
        }

        suspend fun call(step: JsonNode): Any? {
            val (owner, name) = step["call"].asText().let { it.substringBeforeLast('.') to it.substringAfterLast('.') }
            val target: Any
            val method: JsonNode?
            if (owner.startsWith("$")) {
                target = assertNotNull(saved[owner.drop(1)], "nothing saved as $owner")
                method = methods["${target::class.simpleName}.$name"]
            } else {
                target = property(client, owner)!!
                method = methods[step["call"].asText()]
            }
            assertNotNull(method, "the table has no ${step["call"]}")
            val fn = target::class.memberFunctions.singleOrNull { it.name == camel(name) }
                ?: fail("${target::class.simpleName} has no ${camel(name)}")
            val args = step["args"]?.properties()?.associate { it.key to it.value } ?: emptyMap()
            val bound = args.map { (k, v) ->
                val p = fn.parameters.singleOrNull { it.name == camel(k) } ?: fail("${fn.name} has no argument ${camel(k)}")
                p to convert(p.type, v)
            }.toMap() + (fn.instanceParameter!! to target)
            val result = fn.callSuspendBy(bound)
            return if (method["kind"].asText() == "iter") (result as Flow<*>).toList() else result
        }

        suspend fun step(step: JsonNode) {
            when {
                step.has("fault") -> step["fault"].let {
                    Sandbox.fault(it["operation_id"].asText(), it["count"].asInt(), mapper.convertValue(it["fault"], Map::class.java) as Map<String, Any>)
                }
                step.has("sent") -> check("requests of ${step["sent"]}", Sandbox.attempts(step["sent"].asText()).toLong(), step["times"])
                else -> {
                    val started = TimeSource.Monotonic.markNow()
                    val result = try {
                        // Reflection wraps what a method throws before its first suspension.
                        try {
                            call(step)
                        } catch (e: java.lang.reflect.InvocationTargetException) {
                            throw e.targetException
                        }
                    } catch (e: PsbException) {
                        if (!step.has("raises")) throw e
                        raised(step["raises"], e)
                        null
                    } catch (e: NotExpressible) {
                        // Refused before anything could be sent, which is what InvalidArgument means.
                        if (step["raises"]?.get("kind")?.asText() != "InvalidArgument") throw e
                        null
                    }
                    if (!step.has("raises")) {
                        step["expect"]?.properties()?.forEach { (path, want) ->
                            check("${step["call"]} $path", walk(result, path.split(".")), want)
                        }
                        step["save"]?.let { saved[it.asText()] = result }
                    } else {
                        assertEquals(null, result, "${step["call"]} returned instead of raising")
                    }
                    val took = started.elapsedNow().inWholeMilliseconds / 1000.0
                    assertTrue(took >= (step["took_at_least"]?.asDouble() ?: 0.0), "${step["call"]} took ${took}s")
                    assertTrue(took <= (step["took_at_most"]?.asDouble() ?: 1e9), "${step["call"]} took ${took}s")
                }
            }
        }

        fun raised(want: JsonNode, e: PsbException) {
            assertEquals(want["kind"].asText().lowercase(), e.kind.name.replace("_", "").lowercase(), e.message)
            // The sealed class's subclass is the kind's name, so a `when` over them matches.
            assertEquals(want["kind"].asText(), e::class.simpleName, e.message)
            want["status"]?.let { check("status", e.status?.toLong(), it) }
            want["detail"]?.let { check("detail", e.detail, it) }
            want["retry_after"]?.let { check("retry_after", e.retryAfter?.inWholeSeconds, it) }
            want["operation"]?.let { check("operation", e.operation, it) }
            want["message_has"]?.forEach { assertTrue(e.message.contains(it.asText()), "${it.asText()} not in ${e.message}") }
            want["message_lacks"]?.forEach { assertTrue(!e.toString().contains(it.asText()), "${it.asText()} in $e") }
        }
    }

    private fun camel(s: String) = s.replace(Regex("_([a-z0-9])")) { it.groupValues[1].uppercase() }

    private fun property(v: Any, name: String): Any? {
        val p = v::class.memberProperties.singleOrNull { it.name == camel(name) }
            ?: fail("${v::class.simpleName} has no ${camel(name)}")
        return p.getter.call(v)
    }

    /** The value at `path` (field names, indexes, `#` for a length, `*` for each item). */
    private fun walk(v: Any?, path: List<String>): Any? {
        if (path.isEmpty()) return plain(v)
        val (head, rest) = path[0] to path.drop(1)
        return when {
            head == "#" -> (v as List<*>).size.toLong()
            head == "*" -> (v as List<*>).map { walk(it, rest) }
            head.matches(Regex("-?\\d+")) -> (v as List<*>).let { walk(it[head.toInt().mod(it.size)], rest) }
            else -> walk(property(v!!, head), rest)
        }
    }

    /** Numbers as Long (or Double), enums by name, lists item by item: comparable with JSON. */
    private fun plain(v: Any?): Any? = when (v) {
        is Int -> v.toLong()
        is Short -> v.toLong()
        is UInt -> v.toLong()
        is ULong -> v.toLong()
        is Float -> v.toDouble()
        is Enum<*> -> v.name
        is List<*> -> v.map { plain(it) }
        // A vocabulary (a sealed class of Vocabularies.kt): its English name.
        !is Any -> v
        else -> if (vocabulary(v::class.superclasses.firstOrNull()) != null) property(v, "name") else v
    }

    /** The companion of a vocabulary's sealed class (Vocabularies.kt), or null for another class. */
    private fun vocabulary(cls: KClass<*>?): Any? =
        cls?.takeIf { it.isSealed && it.memberProperties.any { p -> p.name == "wire" } }?.companionObjectInstance

    /** A vocabulary value by English name, as `of` reads it; a misspelt one cannot be written in Kotlin. */
    private fun vocabularyValue(cls: KClass<*>, name: String): Any {
        val companion = vocabulary(cls)!!
        val of = companion::class.memberFunctions.single { it.name == "of" }
        return try {
            of.call(companion, name)!!
        } catch (e: java.lang.reflect.InvocationTargetException) {
            throw NotExpressible("${cls.simpleName}.of(\"$name\") refused it: ${e.targetException.message}")
        }
    }

    /** An argument that Kotlin's types cannot express (a misspelt vocabulary value). */
    private class NotExpressible(message: String) : Exception(message)

    /** A scenario's JSON value as a Kotlin argument of type [type]. */
    private fun convert(type: KType, v: JsonNode): Any? {
        if (v.isNull) return null
        val cls = type.classifier as KClass<*>
        return when {
            cls == Long::class -> v.asLong()
            cls == Int::class -> v.asInt()
            cls == String::class -> v.asText()
            cls == Boolean::class -> v.asBoolean()
            cls == Double::class -> v.asDouble()
            cls == kotlin.time.Duration::class -> v.asDouble().seconds
            cls == List::class -> v.map { convert(type.arguments[0].type!!, it) }
            vocabulary(cls) != null -> vocabularyValue(cls, v.asText())
            cls.java.isEnum -> cls.java.enumConstants.single {
                (it as Enum<*>).name.replace("_", "").equals(v.asText(), ignoreCase = true)
            }
            cls.isData -> {
                val ctor = cls.primaryConstructor!!
                ctor.callBy(
                    v.properties().associate { (k, value) ->
                        val p = ctor.parameters.single { it.name == camel(k) }
                        p to convert(p.type, value)
                    },
                )
            }
            else -> fail("no conversion of $v to $type")
        }
    }
}
