package hosting.psb

import hosting.psb.model.Upload
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import hosting.psb.ffi.contentTypeFor as nativeContentTypeFor

/**
 * A file to attach from its content. [contentType] defaults to the one the SDK derives from
 * [fileName]'s extension (`application/octet-stream` when it knows none).
 */
fun Upload.Companion.of(content: ByteArray, fileName: String = "file", contentType: String? = null): Upload =
    Upload(fileName = fileName, contentType = contentType ?: contentTypeFor(fileName), content = content)

/**
 * A file to attach, read now from [path] (any file system). [fileName] defaults to the path's
 * last part, [contentType] to the one the SDK derives from the name.
 * @throws PsbException.InvalidArgument when the file cannot be read.
 */
fun Upload.Companion.of(path: Path, fileName: String? = null, contentType: String? = null): Upload {
    val content = try {
        Files.readAllBytes(path)
    } catch (e: IOException) {
        throw PsbException.invalidArgument("cannot read \"$path\": ${e.javaClass.simpleName}: ${e.message}")
    }
    return of(content, fileName ?: path.fileName?.toString() ?: "file", contentType)
}

/** `upload.of(bytes)` for a `ByteArray`: `bytes.toUpload("boot.log")`. */
fun ByteArray.toUpload(fileName: String = "file", contentType: String? = null): Upload =
    Upload.of(this, fileName, contentType)

/** `Upload.of(path)` for a [Path]: `Path.of("screen.png").toUpload()`. */
fun Path.toUpload(fileName: String? = null, contentType: String? = null): Upload = Upload.of(this, fileName, contentType)

/** The content type the SDK gives a file of this name (from its extension). */
fun contentTypeFor(fileName: String): String = nativeContentTypeFor(fileName)
