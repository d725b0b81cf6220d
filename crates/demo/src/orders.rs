//! Orders of the municipality for a resident: numbers, descriptions of the need.

use crate::data::MUNICIPALITIES;
use crate::people::Res;
use crate::rng::Rand;
use crate::{local_time, Ctx};
use chrono::{Datelike, NaiveDate};
use veldwerk_core::category::MaintenanceGroup;
use veldwerk_core::ids::OrderId;
use veldwerk_core::model::{Order, OrderKind, OrderStatus};
use veldwerk_core::Category;

fn needs(group: MaintenanceGroup) -> &'static [&'static str] {
    match group {
        MaintenanceGroup::ManualWheelchair => &[
            "bewoner kan binnenshuis niet meer zelfstandig lopen",
            "loopafstand buitenshuis beperkt tot ongeveer 100 meter",
            "zit het grootste deel van de dag, kan zelf niet meer van houding wisselen",
        ],
        MaintenanceGroup::ElectricDrive => &[
            "kan de rolstoel niet meer zelf voortbewegen door verminderde armkracht",
            "mantelzorger kan de rolstoel buitenshuis niet meer duwen",
            "zelfstandige verplaatsing binnens- en buitenshuis, de hele dag",
        ],
        MaintenanceGroup::Scooter => &[
            "wil zelfstandig boodschappen blijven doen in de wijk",
            "loopafstand minder dan 200 meter, bushalte niet bereikbaar",
            "bezoek aan familie en dagbesteding binnen 10 kilometer",
        ],
        MaintenanceGroup::Bike => &[
            "evenwichtsproblemen maken fietsen op een gewone fiets onveilig",
            "samen fietsen met begeleider voor dagbesteding en ontspanning",
        ],
        MaintenanceGroup::ShowerToilet => &[
            "douchen alleen nog zittend mogelijk",
            "toiletgang 's nachts niet meer zelfstandig veilig",
            "kan niet zelfstandig zitten zonder ondersteuning tijdens verzorging",
        ],
        MaintenanceGroup::Hoist => &[
            "transfers bed-rolstoel niet meer zonder tillift mogelijk",
            "mantelzorger kan de bewoner niet meer veilig verplaatsen",
            "kan met ondersteuning nog staan, transfers met actieve lift",
        ],
        MaintenanceGroup::TransferAid => &[
            "korte transfers met steun van mantelzorger",
            "opstaan uit stoel lukt niet meer zelfstandig",
        ],
        MaintenanceGroup::Seat => &[
            "kind kan niet stabiel zitten in een gewoon autozitje",
            "houdingsondersteuning nodig tijdens vervoer",
        ],
    }
}

const ADJUSTMENT_REQUESTS: &[&str] = &[
    "zitdiepte vergroten in verband met groei",
    "hoofdsteun toevoegen",
    "joystick naar de linkerzijde verplaatsen",
    "extra accu voor groter bereik",
    "antidecubituskussen leveren en zithoogte aanpassen",
    "armleuningen vervangen door wegzwenkbare",
    "stokhouder en regenhoes monteren",
];

const COLLECTION_REASONS: &[&str] = &[
    "bewoner verhuist naar een verpleeghuis",
    "hulpmiddel wordt niet meer gebruikt",
    "indicatie beëindigd",
    "vervangen door een ander hulpmiddel",
];

const REPLACEMENT_REASONS: &[&str] = &[
    "meer dan 2 aandrijvingsstoringen in het afgelopen kalenderjaar",
    "hulpmiddel past niet meer bij de beperking",
    "technisch afgeschreven, reparatie niet rendabel",
];

pub(crate) fn order_description(r: &mut Rand, kind: OrderKind, c: Category) -> String {
    let name = c.name().nl;
    match kind {
        OrderKind::Provision => {
            format!("{name}: {}", r.pick(needs(c.maintenance_group())))
        }
        OrderKind::Adjustment => format!("Aanpassing {name}: {}", r.pick(ADJUSTMENT_REQUESTS)),
        OrderKind::Collection => format!("Inname {name}: {}", r.pick(COLLECTION_REASONS)),
        OrderKind::Replacement => format!("Vervanging {name}: {}", r.pick(REPLACEMENT_REASONS)),
    }
}

pub(crate) fn new_order(
    ctx: &mut Ctx,
    r: &mut Rand,
    res: &Res,
    kind: OrderKind,
    category: Category,
    ordered_on: NaiveDate,
    status: OrderStatus,
) -> Order {
    ctx.order_seq += 1;
    Order {
        id: OrderId(ctx.ids.at(local_time(ordered_on, 10 * 60))),
        order_number: format!(
            "{}-{}-{:06}",
            MUNICIPALITIES[res.muni].prefix,
            ordered_on.year(),
            ctx.order_seq
        ),
        municipality_id: ctx.municipalities[res.muni],
        resident_id: res.id,
        kind,
        category,
        description: order_description(r, kind, category),
        ordered_on,
        status,
        device_id: None,
    }
}
