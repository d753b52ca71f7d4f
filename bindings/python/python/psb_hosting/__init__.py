"""The PSB Hosting API SDK: :class:`Client` (blocking) and :class:`AsyncClient` (asyncio) over
the Rust core.

>>> from psb_hosting import Client
>>> with Client(token="...") as client:                      # doctest: +SKIP
...     print(client.account.get().balance)
"""

from ._async import AsyncClient
from ._errors import (
    BadRequestError,
    ConflictError,
    ConnectionError,
    DecodeError,
    ForbiddenError,
    InvalidArgumentError,
    NotFoundError,
    OutcomeUnknownError,
    PsbError,
    RateLimitedError,
    ServerError,
    TimeoutError,
    UnauthorizedError,
    ValidationError,
    ValidationIssue,
)
from ._native import psb_model as _psb_model
from ._native import psb_uniffi as _psb_uniffi
from ._native.psb_model import (
    Account,
    Attachment,
    Chat,
    ChatInfo,
    ChatMessage,
    ChatUser,
    ControlPanel,
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
    Payment,
    PaymentMethod,
    PaymentPage,
    PaymentQuery,
    PaymentSortBy,
    Period,
    Product,
    ProductCharacter,
    ProductsForChange,
    ProductSummary,
    ReadStatus,
    Recipe,
    ServerHistoryEntry,
    ServerIpAddress,
    SortOrder,
    Ticket,
    TicketPage,
    Upload,
)
from ._records import install as _install_records
from ._resources import *  # noqa: F403 (every resource class, generated from the table)
from ._resources import __all__ as _resource_names
from ._secret import Secret
from ._sync import Client
from ._uploads import UploadSource, upload
from ._vocabularies import (
    Department,
    IpVersion,
    OrderStatus,
    PaymentStatus,
    PaymentType,
    ProductType,
    ServerActionState,
    ServerStatus,
    TicketStatus,
)

# Every native record and variant gets a repr listing its fields, and match args.
_install_records(_psb_model)
_install_records(_psb_uniffi)

DEFAULT_BASE_URL = "https://backend.psb.hosting"

try:
    from importlib.metadata import version as _version

    __version__ = _version("psb_hosting")
except Exception:  # pragma: no cover - not installed (a source checkout)
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_BASE_URL",
    # the domain
    "Account",
    "AsyncClient",
    "Attachment",
    "BadRequestError",
    "Chat",
    "ChatInfo",
    "ChatMessage",
    "ChatUser",
    "Client",
    "ConflictError",
    "ConnectionError",
    "ControlPanel",
    "DecodeError",
    "Department",
    "ForbiddenError",
    "InvalidArgumentError",
    "IpVersion",
    "IssuedOrder",
    "IssuedVpn",
    "IssuedVps",
    "Message",
    "NewOrder",
    "NewTicket",
    "NotFoundError",
    "OperatingSystem",
    "Order",
    "OrderCreated",
    "OrderData",
    "OrderDetail",
    "OrderStatus",
    "OutcomeUnknownError",
    "Payment",
    "PaymentMethod",
    "PaymentPage",
    "PaymentQuery",
    "PaymentSortBy",
    "PaymentStatus",
    "PaymentType",
    "Period",
    "Product",
    "ProductCharacter",
    "ProductSummary",
    "ProductType",
    "ProductsForChange",
    # errors
    "PsbError",
    "RateLimitedError",
    "ReadStatus",
    "Recipe",
    "Secret",
    "ServerActionState",
    "ServerError",
    "ServerHistoryEntry",
    "ServerIpAddress",
    "ServerStatus",
    "SortOrder",
    "Ticket",
    "TicketPage",
    "TicketStatus",
    "TimeoutError",
    "UnauthorizedError",
    "Upload",
    "UploadSource",
    "ValidationError",
    "ValidationIssue",
    "__version__",
    "upload",
]
__all__ += _resource_names
