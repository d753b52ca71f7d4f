package hosting.psb

import hosting.psb.model.Account
import hosting.psb.model.ChatMessage
import hosting.psb.model.NewOrder
import hosting.psb.model.NewTicket
import hosting.psb.model.Order
import hosting.psb.model.OrderCreated
import hosting.psb.model.OrderDetail
import hosting.psb.model.Payment
import hosting.psb.model.PaymentPage
import hosting.psb.model.PaymentQuery
import hosting.psb.model.PaymentSortBy
import hosting.psb.model.Product
import hosting.psb.model.ProductsForChange
import hosting.psb.model.Recipe
import hosting.psb.model.ServerHistoryEntry
import hosting.psb.model.ServerIpAddress
import hosting.psb.model.ServerStatus
import hosting.psb.model.SortOrder
import hosting.psb.model.Ticket
import hosting.psb.model.TicketPage
import hosting.psb.model.Upload
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes
import hosting.psb.ffi.AccountResource as NativeAccount
import hosting.psb.ffi.Chats as NativeChats
import hosting.psb.ffi.ServerAction as NativeServerAction
import hosting.psb.ffi.Orders as NativeOrders
import hosting.psb.ffi.Payments as NativePayments
import hosting.psb.ffi.Products as NativeProducts
import hosting.psb.ffi.Recipes as NativeRecipes
import hosting.psb.ffi.Servers as NativeServers
import hosting.psb.ffi.Tickets as NativeTickets

/** What every resource is: a handle on the client's native resource. */
sealed class Resource(private val handle: AutoCloseable) {
    internal fun release() = handle.close()

    override fun toString(): String = "${javaClass.simpleName}()"
}

/** A cold [Flow] over a native page walk: each collection starts its own walk, lazily. */
private fun <S : AutoCloseable, T : Any> walk(open: () -> S, next: suspend (S) -> T?): Flow<T> = flow {
    open().use { stream ->
        while (true) {
            val item = native { next(stream) } ?: break
            emit(item)
        }
    }
}

/** The account the token belongs to. */
class AccountResource internal constructor(private val n: NativeAccount) : Resource(n) {
    /** `GET /users/me`. */
    suspend fun get(): Account = native { n.get() }
}

/** The catalog (public). */
class Products internal constructor(private val n: NativeProducts) : Resource(n) {
    /** `GET /products`; [types] filters by product type (`listOf("VPS")`), empty lists everything. */
    suspend fun list(types: List<String> = emptyList()): List<Product> = native { n.list(types) }

    /** `GET /products/{id}`. */
    suspend fun get(id: Long): Product = native { n.get(id) }
}

/** Scripts for new servers (public). */
class Recipes internal constructor(private val n: NativeRecipes) : Resource(n) {
    /** `GET /products/recipes`. */
    suspend fun list(): List<Recipe> = native { n.list() }

    /** `GET /products/recipes/{id}`. */
    suspend fun get(id: Long): Recipe = native { n.get(id) }
}

/** Orders: buying, prolonging, changing and ending them. */
class Orders internal constructor(private val n: NativeOrders) : Resource(n) {
    /** `GET /order`: every order of the account. */
    suspend fun list(): List<Order> = native { n.list() }

    /** `GET /order/{id}`. */
    suspend fun get(id: Long): OrderDetail = native { n.get(id) }

    /** `POST /order` (never retried once sent). */
    suspend fun create(newOrder: NewOrder): OrderCreated = native { n.create(newOrder) }

    /** `POST /order/{id}/prolong`: one more period (the order's own, or [period]). */
    suspend fun prolong(id: Long, period: Long? = null): Order = native { n.prolong(id, period) }

    /** `PUT /order/{id}/make_auto_prolong`. */
    suspend fun toggleAutoProlong(id: Long): Order = native { n.toggleAutoProlong(id) }

    /** `GET /order/{id}/get_products_for_change`. */
    suspend fun productsForChange(id: Long): ProductsForChange = native { n.productsForChange(id) }

    /** `PUT /order/{id}/change_product`. */
    suspend fun changeProduct(id: Long, productId: Long): Order = native { n.changeProduct(id, productId) }

    /** `POST /order/{id}/early-termination`: ends the order now. There is no undo. */
    suspend fun terminate(id: Long): Order = native { n.terminate(id) }
}

/** The payment ledger. */
class Payments internal constructor(private val n: NativePayments) : Resource(n) {
    /** `GET /payment`: one page ([pageSize] 1 to 1000). */
    suspend fun list(
        page: Int? = null,
        pageSize: Int? = null,
        sortBy: PaymentSortBy? = null,
        sortOrder: SortOrder? = null,
    ): PaymentPage {
        val q = query(page, pageSize, sortBy, sortOrder)
        return native { n.list(q) }
    }

    /** Every payment (from [page]), fetched page by page as the flow is collected. */
    fun iter(
        page: Int? = null,
        pageSize: Int? = null,
        sortBy: PaymentSortBy? = null,
        sortOrder: SortOrder? = null,
    ): Flow<Payment> {
        val q = query(page, pageSize, sortBy, sortOrder)
        return walk({ n.iter(q) }) { it.next() }
    }

    private fun query(page: Int?, pageSize: Int?, sortBy: PaymentSortBy?, sortOrder: SortOrder?) = PaymentQuery(
        page = page?.let { unsigned("page", it) },
        pageSize = pageSize?.let { unsigned("pageSize", it) },
        sortBy = sortBy,
        sortOrder = sortOrder,
    )
}

/**
 * A server action the provider is carrying out (a restart, a reinstall, a new password, ...), as
 * the call that started it returns it: [wait] ends when its entry in the server history has
 * completed.
 */
class ServerAction internal constructor(private val n: NativeServerAction) {
    /** The order whose server the action runs on. */
    val orderId: Long get() = n.orderId()

    /** The action's name in the server history (`host_restart`, `change_password`, ...). */
    val action: String get() = n.action()

    /** The provider's acknowledgement. */
    val message: String get() = n.message()

    /**
     * The action's history entry once it has completed; [PsbException.Server] if it failed,
     * [PsbException.Timeout] (naming the last state seen) after [timeout].
     */
    suspend fun wait(timeout: Duration = 5.minutes): ServerHistoryEntry {
        val ms = millis("timeout", timeout)
        return native { n.wait(ms) }
    }

    override fun toString(): String = "ServerAction($action on order $orderId)"
}

/** The servers behind orders: power, access, network. */
class Servers internal constructor(private val n: NativeServers) : Resource(n) {
    /** `POST /order/{id}/server/start`: starts `host_start`; [ServerAction.wait] until it is over. */
    suspend fun start(orderId: Long): ServerAction = ServerAction(native { n.start(orderId) })

    /** `POST /order/{id}/server/stop`: starts `host_stop`. */
    suspend fun stop(orderId: Long): ServerAction = ServerAction(native { n.stop(orderId) })

    /** `POST /order/{id}/server/restart`: starts `host_restart`. */
    suspend fun restart(orderId: Long): ServerAction = ServerAction(native { n.restart(orderId) })

    /** `GET /order/{id}/server/history`. */
    suspend fun history(orderId: Long): List<ServerHistoryEntry> = native { n.history(orderId) }

    /** `GET /order/{id}/server/ip-addresses`. */
    suspend fun ipAddresses(orderId: Long): List<ServerIpAddress> = native { n.ipAddresses(orderId) }

    /** `POST /order/{id}/server/ip-addresses`: a PTR record for [ip]. */
    suspend fun addPtr(orderId: Long, ip: String, domain: String): ServerIpAddress =
        native { n.addPtr(orderId, ip, domain) }

    /** `PUT /order/{id}/server/ip-addresses`. */
    suspend fun updatePtr(orderId: Long, ip: String, domain: String): ServerIpAddress =
        native { n.updatePtr(orderId, ip, domain) }

    /** `PUT /order/{id}/server/change_password`: starts `change_password`. */
    suspend fun changePassword(orderId: Long, password: String): ServerAction =
        ServerAction(native { n.changePassword(orderId, password) })

    /** `PUT /order/{id}/server/change_port`: starts `change_port`. */
    suspend fun changePort(orderId: Long, port: Int): ServerAction {
        val p = unsigned("port", port)
        return ServerAction(native { n.changePort(orderId, p) })
    }

    /** `PUT /order/{id}/server/change_operative_system`: reinstalls with the system [osId]; starts `host_reinstall`. */
    suspend fun reinstall(orderId: Long, osId: Long): ServerAction = ServerAction(native { n.reinstall(orderId, osId) })

    /** `POST /order/{id}/server/assign_ipv6`. */
    suspend fun assignIpv6(orderId: Long): ServerIpAddress = native { n.assignIpv6(orderId) }

    /**
     * Polls the order until its server reaches [status] (`"Active"`, `"Stopped"`, ...);
     * [PsbException.Timeout] after [timeout]. For state changes such as an order's delivery: to
     * wait for a power action, wait on the [ServerAction] it returned.
     */
    suspend fun waitForStatus(orderId: Long, status: ServerStatus, timeout: Duration = 5.minutes): OrderDetail {
        val ms = millis("timeout", timeout)
        return native { n.waitForStatus(orderId, status, ms) }
    }
}

/** Support tickets. */
class Tickets internal constructor(private val n: NativeTickets) : Resource(n) {
    /** `GET /tickets`: one page ([pageSize] 1 to 10). */
    suspend fun list(page: Int? = null, pageSize: Int? = null): TicketPage {
        val p = page?.let { unsigned("page", it) }
        val s = pageSize?.let { unsigned("pageSize", it) }
        return native { n.list(p, s) }
    }

    /** Every ticket, fetched page by page as the flow is collected. */
    fun iter(pageSize: Int? = null): Flow<Ticket> {
        val s = pageSize?.let { unsigned("pageSize", it) }
        return walk({ n.iter(s) }) { it.next() }
    }

    /** `GET /tickets/{id}`. */
    suspend fun get(id: Long): Ticket = native { n.get(id) }

    /** `PUT /tickets/{id}/close`. */
    suspend fun close(id: Long): Ticket = native { n.close(id) }

    /** `POST /tickets`: its message and attachments open the ticket's chat. */
    suspend fun create(newTicket: NewTicket): Ticket = native { n.create(newTicket) }
}

/** The chats of tickets. */
class Chats internal constructor(private val n: NativeChats) : Resource(n) {
    /** `GET /chats/{id}/messages`: up to [limit] (1 to 100) messages from [offset]. */
    suspend fun messages(chatId: Long, limit: Int? = null, offset: Int? = null): List<ChatMessage> {
        val l = limit?.let { unsigned("limit", it) }
        val o = offset?.let { unsigned("offset", it) }
        return native { n.messages(chatId, l, o) }
    }

    /** Every message of the chat, fetched page by page as the flow is collected. */
    fun iterMessages(chatId: Long): Flow<ChatMessage> = walk({ n.iterMessages(chatId) }) { it.next() }

    /** `POST /chats/{id}/messages`: [text], [attachments] or both (see [Upload.Companion.of]). */
    suspend fun send(chatId: Long, text: String? = null, attachments: List<Upload> = emptyList()): ChatMessage =
        native { n.send(chatId, text, attachments) }
}
