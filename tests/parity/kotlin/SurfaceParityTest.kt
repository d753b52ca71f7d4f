package hosting.psb.parity

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import hosting.psb.Client
import hosting.psb.PsbException
import hosting.psb.ServerAction
import java.nio.file.Files
import java.nio.file.Path
import kotlin.reflect.KClass
import kotlin.reflect.KVisibility
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Kotlin's surface against the operation table (spec/surface.json), read from the compiled
 * classes with kotlin-reflect: every resource, method (camelCase, with the table's arguments; a
 * query record's fields are named arguments), handle, option and error kind is there, and every
 * method has KDoc in the sources (KDoc is not in the bytecode). Run by `mvn test`.
 */
class SurfaceParityTest {
    private val table: JsonNode = ObjectMapper().readTree(Files.readString(Path.of(System.getProperty("psb.surface"))))
    private val sources: String = Files.walk(Path.of("src/main/kotlin")).use { paths ->
        paths.filter { it.toString().endsWith(".kt") }.map { Files.readString(it) }.toList().joinToString("\n")
    }

    private fun camel(s: String) = Regex("_([a-z0-9])").replace(s) { it.groupValues[1].uppercase() }

    /** (name, optional) of each argument the table gives a method. */
    private fun arguments(method: JsonNode): List<Pair<String, Boolean>> = method["params"].flatMap { p ->
        val fields = p["fields"]
        if (fields != null && fields.size() > 0) {
            fields.map { camel(it["name"].asText()) to true }
        } else {
            val type = p["type"].asText()
            listOf(camel(p["name"].asText()) to (type.endsWith("?") || type == "uploads" || p.has("default")))
        }
    }

    private fun checkMethods(owner: String, cls: KClass<*>, methods: JsonNode, problems: MutableList<String>) {
        for (m in methods) {
            val name = camel(m["name"].asText())
            val fns = cls.memberFunctions.filter { it.name == name && it.visibility == KVisibility.PUBLIC }
            if (fns.isEmpty()) {
                problems += "$owner.$name is missing (${cls.simpleName})"
                continue
            }
            val wanted = arguments(m)
            val matches = fns.any { fn ->
                val params = fn.parameters.drop(1)
                params.map { it.name } == wanted.map { it.first } &&
                    params.zip(wanted).all { (p, w) -> !w.second || p.isOptional }
            }
            if (!matches) {
                problems += "$owner.$name${fns.map { f -> f.parameters.drop(1).map { it.name } }}: the table says ${wanted.map { it.first }}"
            }
            if (!Regex("""/\*\*(?:[^*]|\*(?!/))*\*/\s*(?:@\w+\s+)*(?:suspend\s+)?fun\s+$name\(""").containsMatchIn(sources)) {
                problems += "$owner.$name has no KDoc"
            }
        }
    }

    @Test
    fun `every resource, method and handle of the table is there`() {
        val problems = mutableListOf<String>()
        for (r in table["resources"]) {
            val name = camel(r["name"].asText())
            val prop = Client::class.memberProperties.find { it.name == name }
            if (prop == null) {
                problems += "Client.$name is missing"
                continue
            }
            checkMethods(r["name"].asText(), prop.returnType.classifier as KClass<*>, r["methods"], problems)
        }
        for (h in table["handles"]) {
            val cls: KClass<*> = when (val name = h["name"].asText()) {
                "ServerAction" -> ServerAction::class
                else -> error("the parity test does not know the handle $name yet")
            }
            for (f in h["fields"]) {
                val name = camel(f["name"].asText())
                if (cls.memberProperties.none { it.name == name }) problems += "${cls.simpleName}.$name is missing"
            }
            checkMethods(h["name"].asText(), cls, h["methods"], problems)
        }
        assertEquals(emptyList(), problems, problems.joinToString("\n"))
    }

    @Test
    fun `every option, vocabulary and error kind of the table is there`() {
        val problems = mutableListOf<String>()
        val options = Client::class.constructors.flatMap { c -> c.parameters.map { it.name } }.toSet()
        for (o in table["options"]) {
            val name = camel(o["name"].asText())
            if (name !in options) problems += "Client($name = ...) is missing"
        }
        for (v in table["vocabularies"]) {
            val name = v["name"].asText()
            val cls = runCatching { Class.forName("hosting.psb.$name").kotlin }.getOrNull()
            if (cls == null || !cls.isSealed) {
                problems += "hosting.psb.$name is not a sealed class"
                continue
            }
            if (!Regex("""/\*\*(?:[^*]|\*(?!/))*\*/\s*public sealed class $name\(""").containsMatchIn(sources)) {
                problems += "$name has no KDoc"
            }
            val objects = cls.sealedSubclasses.mapNotNull { it.objectInstance }
            for (value in v["values"]) {
                val o = objects.find { it::class.simpleName == value["name"].asText() }
                val spelled = o?.let { listOf("name", "wire").map { p -> cls.memberProperties.single { it.name == p }.getter.call(it) } }
                if (spelled != listOf(value["name"].asText(), value["wire"].asText())) {
                    problems += "$name.${value["name"].asText()} is not (${value["name"]}, ${value["wire"]}): $spelled"
                }
            }
            if (cls.sealedSubclasses.none { it.simpleName == "Unknown" && it.objectInstance == null }) {
                problems += "$name has no Unknown(raw)"
            }
            if (objects.size != v["values"].size()) problems += "$name has ${objects.size} values, the table ${v["values"].size()}"
        }
        val kinds = PsbException::class.sealedSubclasses.map { it.simpleName }.toSet()
        for (e in table["errors"]) {
            val kind = e["kind"].asText()
            if (kind !in kinds) problems += "PsbException.$kind is missing"
        }
        assertEquals(emptyList(), problems, problems.joinToString("\n"))
    }
}
