//! The world a sandbox starts with (and returns to on reset). Ids are the ones the provider's
//! Postman collection and the spec's examples use, so the collection runs as published:
//! orders 25284 (PSB VPS with IP 1.1.1.1), 76 (PSB VPS, for early termination) and 31608
//! (A-VPN); ticket and chat 51; products 175–177, 190, 192; recipe 5. A second user
//! (`sandbox-token-2`) owns other orders, tickets and payments, for isolation tests.

use std::collections::BTreeMap;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Months, Utc};
use serde_json::json;

use crate::config::{SandboxConfig, SECOND_USER_TOKEN};
use crate::money::Money;
use crate::state::*;
use crate::timefmt::parse;

pub const FIRST_USER: i64 = 1;
pub const SECOND_USER: i64 = 2;
/// Support staff: answers tickets, has no token.
pub const SUPPORT_USER: i64 = 3;

/// The first id of the `--orders N` extra orders.
const EXTRA_ORDER_BASE: i64 = 100_000;

pub fn world(config: &SandboxConfig, base_url: &str) -> World {
    let mut world = World {
        users: users(&config.token),
        catalog: catalog(),
        orders: BTreeMap::new(),
        payments: BTreeMap::new(),
        tickets: BTreeMap::new(),
        chats: BTreeMap::new(),
        // Seeded chat messages are numbered from 100 on.
        ids: IdCounters { message: 99, ..IdCounters::default() },
        transition_delay: config.transition_delay,
        base_url: base_url.to_owned(),
    };
    seed_orders(&mut world, config.extra_orders);
    seed_payments(&mut world);
    seed_tickets(&mut world);
    world.ids = IdCounters {
        order: world.orders.keys().max().copied().unwrap_or(0).max(EXTRA_ORDER_BASE + config.extra_orders as i64),
        payment: world.payments.keys().max().copied().unwrap_or(0),
        ticket: world.tickets.keys().max().copied().unwrap_or(0),
        message: world.chats.values().flat_map(|c| &c.messages).map(|m| m.id).max().unwrap_or(0),
        attachment: 1000,
        // New actions come after every seeded one: history ids grow with time, as clients that
        // wait for "the action after this one" rely on.
        history: world
            .orders
            .values()
            .filter_map(|o| o.server.as_ref())
            .flat_map(|s| &s.history)
            .map(|h| h.id)
            .max()
            .unwrap_or(0)
            .max(80_000),
    };
    world
}

fn users(first_token: &str) -> Vec<User> {
    vec![
        User {
            id: FIRST_USER,
            token: Some(first_token.to_owned()),
            email: "user@psb.hosting".into(),
            username: "user".into(),
            role_id: 1,
            balance: Money::units(1000),
            is_verified: true,
            newsletter: true,
        },
        User {
            id: SECOND_USER,
            token: Some(SECOND_USER_TOKEN.to_owned()),
            email: "other@psb.hosting".into(),
            username: "other".into(),
            role_id: 1,
            balance: Money::units(10),
            is_verified: false,
            newsletter: false,
        },
        User {
            id: SUPPORT_USER,
            token: None,
            email: "support@psb.hosting".into(),
            username: "support".into(),
            role_id: 2,
            balance: Money::ZERO,
            is_verified: true,
            newsletter: false,
        },
    ]
}

// ------------------------------------------------------------------ catalog

/// The operating systems of the provider's example (with their internal image ids), plus id 5,
/// which the collection's "change operative system" request reinstalls with.
const OPERATING_SYSTEMS: &[(i64, &str, &str)] = &[
    (5, "Windows Server 2022 Standard", "5"),
    (32, "Alma Linux 8", "24"),
    (33, "Astra Linux CE", "23"),
    (36, "CentOS 9 Stream", "30"),
    (39, "Debian 11", "27"),
    (40, "Debian 12", "28"),
    (42, "FreeBSD 13", "21"),
    (43, "FreeBSD 13 ZFS", "22"),
    (44, "Oracle Linux 8", "26"),
    (45, "Rocky Linux 8", "25"),
    (48, "Ubuntu 20.04", "14"),
    (49, "Ubuntu 22.04", "15"),
    (51, "Windows Server 2012 R2", "55"),
    (52, "Windows Server 2016", "9"),
    (53, "Windows Server 2019", "10"),
    (54, "Windows Server 2019 Datacenter", "11"),
    (55, "Windows Server 2019 RUS", "12"),
    (56, "Windows Server 2022", "13"),
    (57, "Windows 10 RUS", "16"),
    (59, "Windows 10 GPT", "44"),
    (60, "Windows 11", "31"),
    (61, "Windows 10 RUS GPT", "17"),
    (75, "Ubuntu 24.04", "54"),
    (77, "Alma Linux 9", "49"),
    (78, "Oracle Linux 9", "60"),
    (79, "Rocky Linux 9", "58"),
];

const LINUX_ONLY: &[i64] = &[32, 36, 39, 40, 42, 48, 49, 75, 77, 78, 79];

fn os_list(ids: Option<&[i64]>) -> Vec<OsImage> {
    OPERATING_SYSTEMS
        .iter()
        .filter(|(id, _, _)| ids.is_none_or(|ids| ids.contains(id)))
        .map(|&(id, name, content)| OsImage { id, name, content: content.into() })
        .collect()
}

pub fn os_named(name: &str) -> Option<OsImage> {
    os_list(None).into_iter().find(|os| os.name == name)
}

fn panels() -> Vec<ControlPanel> {
    vec![
        ControlPanel {
            id: 4, name: "Без панели управления", price: Money::ZERO, content: "5".into()
        },
        ControlPanel { id: 1, name: "ISPmanager 6 Lite", price: Money::units(5), content: "1".into() },
        ControlPanel { id: 2, name: "FastPanel", price: Money::ZERO, content: "2".into() },
    ]
}

fn no_panel() -> ControlPanel {
    panels().into_iter().next().expect("the catalog has a 'no panel' choice")
}

fn characters(ids: [i64; 3], cpu: &str, ram: &str, disk: &str) -> Vec<Character> {
    vec![
        Character { id: ids[0], name: "vCPU", content: cpu.into() },
        Character { id: ids[1], name: "RAM", content: ram.into() },
        Character { id: ids[2], name: "SSD", content: disk.into() },
    ]
}

/// 1, 3, 6 and 12 months, with 5/10/15% off the longer ones. Period ids are the product id
/// times ten plus an index, so one product's period cannot be mistaken for another's.
fn periods(product_id: i64, monthly: Money) -> Vec<Period> {
    [(1u32, 100i64), (3, 95), (6, 90), (12, 85)]
        .into_iter()
        .enumerate()
        .map(|(index, (months, percent))| Period {
            id: product_id * 10 + index as i64 + 1,
            months,
            price: monthly.scaled(months as i64 * percent, 100),
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn server_product(
    id: i64,
    title: &str,
    kind: ProductType,
    country: &'static str,
    price: i64,
    characters: Vec<Character>,
    os: Vec<OsImage>,
    on_sale: bool,
) -> Product {
    Product {
        id,
        title: title.into(),
        price: Money::units(price),
        bill_id: Some(title.into()),
        kind,
        country,
        profit: Money::units(price),
        on_sale,
        characters,
        os,
        control_panels: panels(),
        periods: periods(id, Money::units(price)),
    }
}

fn vpn_product(id: i64, title: &str, country: &'static str, bill_id: &str) -> Product {
    Product {
        id,
        title: title.into(),
        price: Money::units(3),
        bill_id: Some(bill_id.into()),
        kind: ProductType::AVpn,
        country,
        profit: Money::units(1),
        on_sale: true,
        characters: vec![
            Character { id: 90, name: "Протокол", content: "WireGuard".into() },
            Character { id: 91, name: "Устройства", content: "5".into() },
        ],
        os: Vec::new(),
        control_panels: Vec::new(),
        periods: periods(id, Money::units(3)),
    }
}

pub fn catalog() -> Catalog {
    use ProductType::*;
    let products = vec![
        server_product(
            175,
            "NL-300",
            PsbVps,
            "Netherlands",
            20,
            characters([14, 17, 21], "4x", "8GB", "100GB"),
            os_list(None),
            true,
        ),
        server_product(
            176,
            "NL-400",
            PsbVps,
            "Netherlands",
            50,
            characters([22, 29, 65], "8x", "16GB", "200GB"),
            os_list(None),
            true,
        ),
        server_product(
            177,
            "NL-500",
            PsbVps,
            "Netherlands",
            90,
            characters([23, 30, 66], "12x", "32GB", "400GB"),
            os_list(None),
            true,
        ),
        server_product(
            178,
            "NL-200",
            PsbVps,
            "Netherlands",
            10,
            characters([12, 16, 20], "2x", "4GB", "50GB"),
            os_list(None),
            false,
        ),
        server_product(
            180,
            "DE-300",
            PsbVps,
            "Germany",
            22,
            characters([14, 17, 21], "4x", "8GB", "100GB"),
            os_list(None),
            true,
        ),
        server_product(
            190,
            "HC-NL-1",
            HighCpuPsbVps,
            "Netherlands",
            35,
            characters([24, 31, 67], "4x 5.0GHz", "16GB", "160GB NVMe"),
            os_list(None),
            true,
        ),
        server_product(
            191,
            "HC-NL-2",
            HighCpuPsbVps,
            "Netherlands",
            65,
            characters([25, 32, 68], "8x 5.0GHz", "32GB", "320GB NVMe"),
            os_list(None),
            true,
        ),
        server_product(
            195,
            "BP-MD-1",
            Bulletproof,
            "Moldova",
            45,
            characters([14, 17, 21], "4x", "8GB", "100GB"),
            os_list(Some(LINUX_ONLY)),
            true,
        ),
        vpn_product(192, "A-VPN [FI]", "Finland", "646"),
        vpn_product(193, "A-VPN [NL]", "Netherlands", "647"),
    ];
    let recipes = vec![
        Recipe { id: 1, name: "LAMP", description: Some("Apache, MySQL and PHP, ready for a site.") },
        Recipe { id: 2, name: "WordPress", description: Some("WordPress on nginx with a MySQL database.") },
        Recipe { id: 3, name: "Nextcloud", description: None },
        Recipe { id: 5, name: "Docker", description: Some("Docker Engine and Docker Compose.") },
        Recipe {
            id: 7,
            name: "Outline VPN",
            description: Some("An Outline server; the access key is in /root/outline.txt."),
        },
    ];
    Catalog {
        products: products.into_iter().map(|p| (p.id, p)).collect(),
        recipes: recipes.into_iter().map(|r| (r.id, r)).collect(),
    }
}

// ------------------------------------------------------------------ orders

struct SeedServer<'a> {
    id: i64,
    user_id: i64,
    product_id: i64,
    os: &'a str,
    ips: &'a [&'a str],
    port: u16,
    superuser: &'a str,
    name: &'a str,
    created: DateTime<Utc>,
}

fn server_order(world: &World, seed: SeedServer<'_>) -> Order {
    let product = &world.catalog.products[&seed.product_id];
    let os = os_named(seed.os).expect("seeded servers run catalog systems");
    let host_create = HistoryEntry {
        id: seed.id * 10,
        name: "host_create",
        state: ActionState::Complete,
        params: Some(json!({
            "cpu": 4, "ram": 8192, "disk": 102400, "ip": seed.ips, "os": os.name,
        })),
        date_create: seed.created + chrono::Duration::minutes(3),
        completes_at: None,
        effect: Effect::Nothing,
    };
    Order {
        id: seed.id,
        code: order_code(seed.id),
        user_id: seed.user_id,
        product_id: product.id,
        os: Some(os.name.to_owned()),
        control_panel: Some(no_panel()),
        period_months: None,
        domain: None,
        name: seed.name.into(),
        recipe_id: None,
        auto_refresh: false,
        status: OrderStatus::Issued,
        date_create: seed.created,
        date_end: Utc::now().checked_add_months(Months::new(1)),
        issued: Some(Issued::Vps(IssuedVps {
            id: seed.id,
            ip: seed.ips[0].into(),
            port: seed.port,
            superuser: seed.superuser.into(),
            password: server_password(seed.id),
            ipv6_addr: None,
            ipv6_subnet: None,
        })),
        server: Some(Server {
            status: ServerStatus::Active,
            ips: seed.ips.iter().map(|ip| IpAddress { ip: (*ip).into(), kind: IpKind::V4, ptr: None }).collect(),
            history: vec![host_create],
        }),
    }
}

fn vpn_order(id: i64, user_id: i64, product_id: i64, name: &str, created: DateTime<Utc>) -> Order {
    Order {
        id,
        code: order_code(id),
        user_id,
        product_id,
        os: None,
        control_panel: None,
        period_months: Some(3),
        domain: None,
        name: name.into(),
        recipe_id: None,
        auto_refresh: false,
        status: OrderStatus::Issued,
        date_create: created,
        date_end: Utc::now().checked_add_months(Months::new(3)),
        issued: Some(vpn_access(id)),
        server: None,
    }
}

pub fn vpn_access(order_id: i64) -> Issued {
    let code = order_code(order_id).to_lowercase();
    Issued::Vpn(IssuedVpn {
        id: order_id,
        url: format!("https://rpn-conf.psbns.pro/{code}.conf"),
        qr: format!("https://rpn-conf.psbns.pro/{code}.png"),
    })
}

fn seed_orders(world: &mut World, extra: usize) {
    let seeds = [
        SeedServer {
            id: 25284,
            user_id: FIRST_USER,
            product_id: 175,
            os: "Windows 10 GPT",
            ips: &["1.1.1.1", "1.1.1.2"],
            port: 3389,
            superuser: "admin",
            name: "",
            created: parse("2025-04-24T15:39:23.574192Z"),
        },
        SeedServer {
            id: 76,
            user_id: FIRST_USER,
            product_id: 177,
            os: "Debian 12",
            ips: &["185.12.64.76"],
            port: 22,
            superuser: "root",
            name: "staging",
            created: parse("2024-11-02T09:12:44.120511Z"),
        },
        SeedServer {
            id: 25290,
            user_id: SECOND_USER,
            product_id: 175,
            os: "Ubuntu 22.04",
            ips: &["2.2.2.2"],
            port: 22,
            superuser: "root",
            name: "other's server",
            created: parse("2025-04-25T08:00:00.000001Z"),
        },
    ];
    for seed in seeds {
        let order = server_order(world, seed);
        world.orders.insert(order.id, order);
    }
    for order in [
        vpn_order(31608, FIRST_USER, 192, "фин", parse("2025-05-15T00:00:00Z")),
        vpn_order(31610, SECOND_USER, 193, "", parse("2025-05-16T00:00:00Z")),
    ] {
        world.orders.insert(order.id, order);
    }
    for n in 0..extra {
        let id = EXTRA_ORDER_BASE + n as i64 + 1;
        let ip = format!("10.{}.{}.{}", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
        let seed = SeedServer {
            id,
            user_id: FIRST_USER,
            product_id: 175,
            os: "Ubuntu 22.04",
            ips: &[ip.as_str()],
            port: 22,
            superuser: "root",
            name: "bench",
            created: parse("2025-01-01T00:00:00Z"),
        };
        let order = server_order(world, seed);
        world.orders.insert(id, order);
    }
}

// ------------------------------------------------------------------ payments

fn seed_payments(world: &mut World) {
    // id, owner, kind, amount, date, pay_sys, status, order paid for
    type Row = (i64, i64, PaymentKind, i64, &'static str, &'static str, PaymentStatus, Option<i64>);
    let rows: &[Row] = &[
        (
            20011,
            FIRST_USER,
            PaymentKind::TopUp,
            500,
            "2025-03-01T10:00:00.100000Z",
            "Heleket",
            PaymentStatus::Paid,
            None,
        ),
        (20012, FIRST_USER, PaymentKind::TopUp, 700, "2025-03-02T10:00:00.100000Z", "Lava", PaymentStatus::Paid, None),
        (
            21100,
            FIRST_USER,
            PaymentKind::Purchase,
            90,
            "2025-03-05T12:30:00.500000Z",
            "Оплата с баланса",
            PaymentStatus::Paid,
            Some(76),
        ),
        (
            24001,
            FIRST_USER,
            PaymentKind::TopUp,
            50,
            "2025-03-20T08:15:00.000001Z",
            "Lava",
            PaymentStatus::Cancelled,
            None,
        ),
        (
            25705,
            FIRST_USER,
            PaymentKind::Purchase,
            10,
            "2025-04-09T00:36:38.211137Z",
            "Оплата с баланса",
            PaymentStatus::Paid,
            None,
        ),
        (
            26010,
            FIRST_USER,
            PaymentKind::TopUp,
            100,
            "2025-04-12T18:45:10.000000Z",
            "Heleket",
            PaymentStatus::Paid,
            None,
        ),
        (
            27749,
            FIRST_USER,
            PaymentKind::TopUp,
            11,
            "2025-04-17T11:04:26.846276Z",
            "Heleket",
            PaymentStatus::Cancelled,
            None,
        ),
        (
            27800,
            FIRST_USER,
            PaymentKind::Purchase,
            20,
            "2025-04-24T15:39:22.720841Z",
            "Оплата с баланса",
            PaymentStatus::Paid,
            Some(25284),
        ),
        (
            28002,
            FIRST_USER,
            PaymentKind::Purchase,
            9,
            "2025-05-15T00:00:00.000000Z",
            "Оплата с баланса",
            PaymentStatus::Paid,
            Some(31608),
        ),
        (27801, SECOND_USER, PaymentKind::TopUp, 30, "2025-04-25T07:59:00.000000Z", "Lava", PaymentStatus::Paid, None),
        (
            27802,
            SECOND_USER,
            PaymentKind::Purchase,
            20,
            "2025-04-25T08:00:00.000001Z",
            "Оплата с баланса",
            PaymentStatus::Paid,
            Some(25290),
        ),
    ];
    for &(id, user_id, kind, amount, date, pay_sys, status, order) in rows {
        let order_order_id = order.map(order_code);
        world.payments.insert(
            id,
            Payment {
                id,
                user_id,
                kind,
                amount: Money::units(amount),
                date: parse(date),
                pay_sys,
                status,
                payment_order_id: order,
                order_order_id,
            },
        );
    }
}

// ------------------------------------------------------------------ tickets and chats

fn seed_tickets(world: &mut World) {
    let base = parse("2025-05-01T09:00:00.000000Z");
    // Eleven older tickets of the first user, so that the ticket list has a second page.
    for n in 0..11i64 {
        let id = 40 + n;
        let at = base + chrono::Duration::hours(n * 7);
        let department = DEPARTMENTS[(n % 2) as usize];
        add_ticket(world, id, FIRST_USER, &format!("Вопрос #{id}"), department, TICKET_CLOSED, at, &[]);
        add_message(world, id, FIRST_USER, Some(&format!("Текст обращения #{id}")), at, true);
        add_message(
            world,
            id,
            SUPPORT_USER,
            Some("Готово, проверьте, пожалуйста."),
            at + chrono::Duration::hours(1),
            n != 10,
        );
    }
    // Ticket 51 as in the provider's example, left open so closing it changes something.
    let at = parse("2025-05-16T10:40:07.596691Z");
    add_ticket(world, 51, FIRST_USER, "123", "Технический отдел", TICKET_OPEN, at, &[]);
    world.chats.get_mut(&51).expect("just added").messages.push(ChatMessage {
        id: 162,
        user_id: FIRST_USER,
        text: Some("test".into()),
        date_create: parse("2025-05-16T10:40:07.604704Z"),
        date_update: parse("2025-05-16T10:40:07.604706Z"),
        attachments: vec![Attachment {
            id: 900,
            name: "screenshot.png".into(),
            content_type: "image/png".into(),
            data: Bytes::from_static(b"\x89PNG\r\n\x1a\n sandbox"),
        }],
        read_by: vec![FIRST_USER],
    });
    // The second user's ticket, about their own server.
    let at = parse("2025-05-17T12:00:00.000000Z");
    add_ticket(world, 60, SECOND_USER, "Сервер не отвечает", "Технический отдел", TICKET_OPEN, at, &[25290]);
    add_message(world, 60, SECOND_USER, Some("Сервер 2.2.2.2 не отвечает"), at, true);
}

#[allow(clippy::too_many_arguments)]
fn add_ticket(
    world: &mut World,
    id: i64,
    user_id: i64,
    title: &str,
    department: &'static str,
    status: &'static str,
    at: DateTime<Utc>,
    order_ids: &[i64],
) {
    world.tickets.insert(
        id,
        Ticket {
            id,
            user_id,
            title: title.into(),
            department,
            status,
            date_create: at,
            date_update: at + Duration::from_secs(3600),
            order_ids: order_ids.to_vec(),
            chat_id: id,
        },
    );
    world.chats.insert(
        id,
        Chat {
            id,
            title: format!("Чат тикета #{id} - {title}"),
            status: TICKET_OPEN,
            date_create: at + Duration::from_millis(2),
            date_update: at + Duration::from_millis(5),
            messages: Vec::new(),
        },
    );
}

fn add_message(
    world: &mut World,
    chat_id: i64,
    user_id: i64,
    text: Option<&str>,
    at: DateTime<Utc>,
    read_by_owner: bool,
) {
    let id = IdCounters::next(&mut world.ids.message);
    let owner = world.tickets.get(&chat_id).map_or(user_id, |t| t.user_id);
    let mut read_by = vec![user_id];
    if read_by_owner && owner != user_id {
        read_by.push(owner);
    }
    world.chats.get_mut(&chat_id).expect("chat seeded with its ticket").messages.push(ChatMessage {
        id,
        user_id,
        text: text.map(str::to_owned),
        date_create: at,
        date_update: at,
        attachments: Vec::new(),
        read_by,
    });
}
