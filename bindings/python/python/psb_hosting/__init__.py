"""The PSB Hosting API SDK: :class:`Client` (blocking) and :class:`AsyncClient` (asyncio) over
the Rust core.

>>> from psb_hosting import Client
>>> with Client(token="...") as client:                      # doctest: +SKIP
...     print(client.account.get().balance)
"""

from ._async import (
    AsyncAccount,
    AsyncChats,
    AsyncClient,
    AsyncOrders,
    AsyncPayments,
    AsyncProducts,
    AsyncRecipes,
    AsyncServers,
    AsyncTickets,
)
from ._errors import (
    BadRequestError,
    ConflictError,
    ConnectionError,
    DecodeError,
    ForbiddenError,
    InvalidArgumentError,
    NotFoundError,
    PsbError,
    RateLimitedError,
    ServerError,
    TimeoutError,
    UnauthorizedError,
    ValidationError,
    ValidationIssue,
)
from ._native.psb_model import (
    Account,
    Attachment,
    Chat,
    ChatInfo,
    ChatMessage,
    ChatUser,
    ControlPanel,
    Department,
    IpVersion,
    IssuedOrder,
    IssuedVpn,
    IssuedVps,
    Message,
    NewOrder,
    NewTicket,
    OperatingSystem,
    Order,
    OrderCreated,
    OrderData,
    OrderDetail,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentPage,
    PaymentQuery,
    PaymentSortBy,
    PaymentStatus,
    PaymentType,
    Period,
    Product,
    ProductCharacter,
    ProductsForChange,
    ProductSummary,
    ProductType,
    ReadStatus,
    Recipe,
    ServerActionState,
    ServerHistoryEntry,
    ServerIpAddress,
    ServerStatus,
    SortOrder,
    Ticket,
    TicketPage,
    TicketStatus,
    Upload,
)
from ._sync import (
    AccountResource,
    Chats,
    Client,
    Orders,
    Payments,
    Products,
    Recipes,
    Servers,
    Tickets,
)
from ._secret import Secret
from ._uploads import UploadSource, upload

DEFAULT_BASE_URL = "https://backend.psb.hosting"

try:
    from importlib.metadata import version as _version

    __version__ = _version("psb_hosting")
except Exception:  # pragma: no cover - not installed (a source checkout)
    __version__ = "0+unknown"

__all__ = [
    "__version__", "Client", "AsyncClient", "DEFAULT_BASE_URL", "upload", "UploadSource",
    # errors
    "PsbError", "BadRequestError", "UnauthorizedError", "ForbiddenError", "NotFoundError",
    "ConflictError", "ValidationError", "RateLimitedError", "ServerError", "TimeoutError",
    "ConnectionError", "DecodeError", "InvalidArgumentError", "ValidationIssue",
    # resources
    "AccountResource", "Products", "Recipes", "Orders", "Payments", "Servers", "Tickets", "Chats",
    "AsyncAccount", "AsyncProducts", "AsyncRecipes", "AsyncOrders", "AsyncPayments",
    "AsyncServers", "AsyncTickets", "AsyncChats",
    # the domain
    "Account", "Attachment", "Chat", "ChatInfo", "ChatMessage", "ChatUser", "ControlPanel",
    "Department", "IpVersion", "IssuedOrder", "IssuedVpn", "IssuedVps", "Message", "NewOrder",
    "NewTicket", "OperatingSystem", "Order", "OrderCreated", "OrderData", "OrderDetail",
    "OrderStatus", "Payment", "PaymentMethod", "PaymentPage", "PaymentQuery", "PaymentSortBy",
    "PaymentStatus", "PaymentType", "Period", "Product", "ProductCharacter", "ProductsForChange",
    "ProductSummary", "ProductType", "ReadStatus", "Recipe", "ServerActionState",
    "ServerHistoryEntry", "ServerIpAddress", "ServerStatus", "SortOrder", "Ticket", "TicketPage",
    "TicketStatus", "Upload", "Secret",
]
