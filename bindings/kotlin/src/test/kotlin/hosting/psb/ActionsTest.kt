package hosting.psb

import kotlinx.coroutines.runBlocking
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Server actions return a handle whose `wait` ends with the action's own history entry. */
class ActionsTest : SandboxTest() {
    @Test
    fun `a restart is waited for until it is over`() = runBlocking {
        sandbox.client().use { client ->
            val before = client.servers.history(25284).maxOf { it.id }
            val restart = client.servers.restart(25284)
            assertEquals(25284L, restart.orderId)
            assertEquals("host_restart", restart.action)
            assertTrue(restart.message.isNotEmpty())
            // The server reads Active while the restart is pending.
            val pending = client.servers.history(25284).filter { it.id > before }
            assertEquals(listOf("Pending"), pending.map { it.state })
            val entry = restart.wait(10.seconds)
            assertEquals("Complete", entry.state)
            assertEquals(pending.single().id, entry.id)
            assertTrue("host_restart" in restart.toString())
        }
    }

    @Test
    fun `every action returns a handle`() = runBlocking {
        sandbox.client().use { client ->
            val s = client.servers
            val actions = listOf(s.stop(25284), s.start(25284), s.changePassword(25284, "n3w-Passw0rd"), s.changePort(25284, 2222))
            assertEquals(listOf("host_stop", "host_start", "change_password", "change_port"), actions.map { it.action })
            actions.forEach { assertEquals("Complete", it.wait(10.seconds).state) }
        }
    }

    @Test
    fun `a wait that runs out is a Timeout naming the state`() = runBlocking {
        sandbox.client().use { client ->
            val restart = client.servers.restart(25284)
            val e = assertFailsWith<PsbException.Timeout> { restart.wait(10.milliseconds) }
            assertTrue("host_restart on order 25284" in e.message!! && "last seen" in e.message!!, e.message)
        }
    }
}
