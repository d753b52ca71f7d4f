package hosting.psb

import hosting.psb.model.NewTicket
import hosting.psb.model.Upload
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertNull

/** Attachments arrive whole, from ByteArrays, Paths and Upload records, with their names and content types. */
class UploadsTest : SandboxTest() {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `every byte value survives`() = runBlocking {
        val blob = ByteArray(70_000) { (it % 256).toByte() }
        val sent = sandbox.client().chats.send(51, attachments = listOf(blob.toUpload("blob.bin")))
        assertNull(sent.text)
        val a = sent.attachments[0]
        assertEquals(Triple("blob.bin", 70_000L, "application/octet-stream"), Triple(a.name, a.size, a.contentType))
        assertContentEquals(blob, sandbox.attachment(a.id))
    }

    @Test
    fun `a ticket with files from paths and bytes`() = runBlocking {
        val png = dir.resolve("screen shot.png")
        Files.write(png, byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte(), 0, 1, 2))
        val log = dir.resolve("дамп.log")
        Files.writeString(log, "line 1\nline 2\n")
        val ticket = NewTicket(
            title = "Files",
            department = Department.Technical,
            message = "see attached",
            orderIds = emptyList(),
            attachments = listOf(
                Upload.of(png),
                log.toUpload(),
                Upload.of(png, fileName = "again.png"),
                Upload.of("{}".toByteArray(), fileName = "x.json"),
            ),
        )
        val client = sandbox.client()
        val created = client.tickets.create(ticket)
        val first = client.chats.messages(created.chat.info.id).first { it.text == "see attached" }
        val files = first.attachments.map { Triple(it.name, it.size, it.contentType) }.sortedBy { it.first }
        assertEquals(
            listOf(
                Triple("again.png", 7L, "image/png"),
                Triple("screen shot.png", 7L, "image/png"),
                Triple("x.json", 2L, "application/json"),
                Triple("дамп.log", 14L, "text/plain"),
            ),
            files,
        )
        val pngId = first.attachments.first { it.name == "screen shot.png" }.id
        assertContentEquals(Files.readAllBytes(png), sandbox.attachment(pngId))
    }

    @Test
    fun `chat send takes every kind of source`() = runBlocking {
        val path = dir.resolve("notes.txt")
        Files.writeString(path, "hello")
        val record = Upload(fileName = "r.bin", contentType = "application/x-custom", content = byteArrayOf(0, 1))
        val sent = sandbox.client().chats.send(
            51,
            "files",
            listOf("raw".toByteArray().toUpload(), Upload.of(path), path.toUpload(contentType = "text/markdown"), record),
        )
        assertEquals(
            listOf(
                Triple("file", 3L, "application/octet-stream"),
                Triple("notes.txt", 5L, "text/plain"),
                Triple("notes.txt", 5L, "text/markdown"),
                Triple("r.bin", 2L, "application/x-custom"),
            ),
            sent.attachments.map { Triple(it.name, it.size, it.contentType) },
        )
    }

    @Test
    fun `content types come from the SDK`() {
        assertEquals("image/png", contentTypeFor("a.PNG"))
        assertEquals("application/octet-stream", contentTypeFor("noextension"))
    }
}
