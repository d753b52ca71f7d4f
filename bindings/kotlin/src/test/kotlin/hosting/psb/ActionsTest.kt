package hosting.psb

import kotlinx.coroutines.runBlocking
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.seconds

/** A server action handle as Kotlin shows it (the waits themselves are shared scenarios, tests/scenarios/cases.json). */
class ActionsTest : SandboxTest() {
    @Test
    fun `a handle names its action and waits with a kotlin Duration`() = runBlocking {
        sandbox.client().use { client ->
            val restart = client.servers.restart(25284)
            assertEquals(25284L, restart.orderId)
            assertTrue("host_restart" in restart.toString(), restart.toString())
            assertEquals(ServerActionState.Complete, restart.wait(10.seconds).state)
        }
    }
}
