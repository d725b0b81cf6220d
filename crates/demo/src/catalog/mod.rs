//! The device catalogue of the demo: real brands and models per category with plausible
//! catalogue values, and the parts, faults and configuration items that go with them.

mod faults;

pub use faults::{checklist, faults, parts, sling_models, Fault, Part};
use veldwerk_core::Category;

/// One model the supplier stocks.
pub struct Model {
    pub brand: &'static str,
    pub model: &'static str,
    /// Gross catalogue value range in whole euros.
    pub price_eur: (u32, u32),
    /// Maximum user weight range (kg), when the category has one.
    pub max_user_kg: Option<(u16, u16)>,
    /// Safe working load (hoists).
    pub swl_kg: Option<u16>,
}

const fn m(
    brand: &'static str,
    model: &'static str,
    price_eur: (u32, u32),
    max_user_kg: Option<(u16, u16)>,
) -> Model {
    Model {
        brand,
        model,
        price_eur,
        max_user_kg,
        swl_kg: None,
    }
}

const fn hoist(brand: &'static str, model: &'static str, price_eur: (u32, u32), swl: u16) -> Model {
    Model {
        brand,
        model,
        price_eur,
        max_user_kg: None,
        swl_kg: Some(swl),
    }
}

/// Catalogue and mix of one category.
pub struct CategoryPlan {
    pub category: Category,
    /// Relative frequency among adults' devices.
    pub adult_weight: u32,
    /// Relative frequency among children's devices.
    pub child_weight: u32,
    /// For "usually" / "when equipped" categories: share (percent) that is electric.
    pub electric_pct: u32,
    pub models: &'static [Model],
}

pub const PLANS: [CategoryPlan; 20] = [
    CategoryPlan {
        category: Category::C1,
        adult_weight: 140,
        child_weight: 0,
        electric_pct: 0,
        models: &[
            m("Vermeiren", "V300", (450, 750), Some((120, 130))),
            m("Vermeiren", "D200", (500, 800), Some((120, 130))),
            m("Invacare", "Action 2 NG", (550, 900), Some((125, 125))),
            m("Invacare", "Action 3 NG", (700, 1_100), Some((125, 135))),
            m(
                "Sunrise Medical",
                "Breezy BasiX2",
                (450, 700),
                Some((125, 125)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C2,
        adult_weight: 40,
        child_weight: 0,
        electric_pct: 0,
        models: &[
            m("Vermeiren", "Inovys II", (2_800, 4_200), Some((135, 135))),
            m("Invacare", "Rea Azalea", (3_200, 5_200), Some((135, 135))),
            m(
                "Invacare",
                "Rea Clematis Pro",
                (3_000, 4_800),
                Some((135, 135)),
            ),
            m(
                "Netti",
                "4U Comfort CE Plus",
                (3_200, 5_000),
                Some((135, 150)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C3,
        adult_weight: 100,
        child_weight: 25,
        electric_pct: 0,
        models: &[
            m("Küschall", "K-Series", (3_000, 5_500), Some((130, 130))),
            m("Küschall", "Compact 2.0", (2_600, 4_500), Some((130, 130))),
            m("Quickie", "Life", (2_500, 4_200), Some((125, 125))),
            m("Quickie", "Argon2", (3_500, 6_000), Some((125, 125))),
            m("RGK", "Tiga", (3_800, 6_200), Some((120, 120))),
        ],
    },
    CategoryPlan {
        category: Category::C4,
        adult_weight: 0,
        child_weight: 60,
        electric_pct: 0,
        models: &[
            m("Ottobock", "Kimba Neo", (3_000, 5_200), Some((40, 40))),
            m("Hoggi", "Bingo Evolution", (2_200, 3_800), Some((50, 50))),
            m("Thomashilfen", "Swifty", (1_800, 3_000), Some((50, 50))),
        ],
    },
    CategoryPlan {
        category: Category::C5a,
        adult_weight: 18,
        child_weight: 3,
        electric_pct: 100,
        models: &[
            m("Alber", "viamobil eco", (3_800, 5_200), None),
            m("Alber", "viamobil V25", (4_800, 6_500), None),
        ],
    },
    CategoryPlan {
        category: Category::C5b,
        adult_weight: 18,
        child_weight: 2,
        electric_pct: 100,
        models: &[
            m("Alber", "e-motion M25", (6_500, 8_500), Some((130, 130))),
            m("Alber", "twion", (5_500, 7_200), Some((120, 120))),
            m("Alber", "e-fix E35", (7_000, 9_500), Some((130, 130))),
        ],
    },
    CategoryPlan {
        category: Category::C6,
        adult_weight: 8,
        child_weight: 0,
        electric_pct: 85,
        models: &[
            m("Stricker", "Lomo", (6_500, 9_500), Some((130, 130))),
            m("Batec", "Mini 2", (5_800, 8_200), Some((120, 120))),
            m("Batec", "Electrical 2", (7_500, 10_500), Some((125, 125))),
        ],
    },
    CategoryPlan {
        category: Category::C7,
        adult_weight: 50,
        child_weight: 6,
        electric_pct: 100,
        models: &[
            m("Permobil", "M3 Corpus", (22_000, 35_000), Some((136, 136))),
            m("Permobil", "F5 Corpus", (24_000, 35_000), Some((136, 136))),
            m("Invacare", "TDX SP2", (15_000, 28_000), Some((136, 136))),
            m("Quickie", "Q500 M", (16_000, 27_000), Some((136, 136))),
        ],
    },
    CategoryPlan {
        category: Category::C8a,
        adult_weight: 120,
        child_weight: 0,
        electric_pct: 100,
        models: &[
            m("Vermeiren", "Carpo 2", (2_800, 3_900), Some((136, 136))),
            m("Vermeiren", "Mercurius 4", (3_200, 4_500), Some((136, 136))),
            m("Invacare", "Orion Pro", (3_000, 4_300), Some((136, 136))),
            m(
                "Life & Mobility",
                "Mezzo 4",
                (2_900, 4_000),
                Some((136, 136)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C8b,
        adult_weight: 40,
        child_weight: 0,
        electric_pct: 100,
        models: &[
            m(
                "Life & Mobility",
                "Vecto Sport",
                (4_200, 6_200),
                Some((150, 150)),
            ),
            m("Invacare", "Comet Ultra", (4_800, 6_900), Some((160, 160))),
        ],
    },
    CategoryPlan {
        category: Category::C9,
        adult_weight: 30,
        child_weight: 6,
        electric_pct: 60,
        models: &[
            m("Van Raam", "Easy Rider", (3_500, 6_800), Some((120, 150))),
            m("Van Raam", "Midi", (2_600, 5_200), Some((120, 120))),
            m("Huka", "Cortes", (3_200, 6_000), Some((120, 130))),
        ],
    },
    CategoryPlan {
        category: Category::C10,
        adult_weight: 9,
        child_weight: 2,
        electric_pct: 80,
        models: &[
            m("Van Raam", "Fun2Go", (7_000, 10_500), Some((120, 120))),
            m("Van Raam", "Chat", (7_500, 11_000), Some((120, 120))),
        ],
    },
    CategoryPlan {
        category: Category::C11,
        adult_weight: 7,
        child_weight: 1,
        electric_pct: 85,
        models: &[
            m("Van Raam", "OPair", (7_500, 11_500), Some((120, 150))),
            m("Van Raam", "Velo Plus", (7_000, 10_500), Some((120, 150))),
        ],
    },
    CategoryPlan {
        category: Category::C12,
        adult_weight: 120,
        child_weight: 8,
        electric_pct: 0,
        models: &[
            m("Etac", "Clean", (350, 650), Some((130, 130))),
            m("Etac", "Swift Mobil-2", (450, 800), Some((135, 135))),
            m(
                "Invacare",
                "Aquatec Pico Commode",
                (250, 450),
                Some((130, 130)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C13,
        adult_weight: 100,
        child_weight: 6,
        electric_pct: 0,
        models: &[
            m("Etac", "Swift Mobil 24\"", (1_100, 1_900), Some((135, 135))),
            m(
                "Invacare",
                "Aquatec Ocean SP",
                (1_000, 1_800),
                Some((130, 130)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C14,
        adult_weight: 30,
        child_weight: 8,
        electric_pct: 20,
        models: &[
            m(
                "Etac",
                "Swift Mobil Tilt-2",
                (2_600, 4_200),
                Some((135, 135)),
            ),
            m(
                "Invacare",
                "Aquatec Ocean Dual VIP",
                (2_800, 4_600),
                Some((135, 135)),
            ),
            m("Raz Design", "Raz-AT", (3_200, 4_800), Some((136, 136))),
        ],
    },
    CategoryPlan {
        category: Category::C15,
        adult_weight: 60,
        child_weight: 0,
        electric_pct: 100,
        models: &[
            hoist("Arjo", "Sara 3000", (4_500, 6_500), 190),
            hoist("Liko", "Sabina II", (4_200, 6_000), 200),
            hoist("Etac", "Molift Quick Raiser 205", (3_500, 5_200), 205),
        ],
    },
    CategoryPlan {
        category: Category::C16,
        adult_weight: 80,
        child_weight: 5,
        electric_pct: 100,
        models: &[
            hoist("Liko", "Viking M", (4_000, 6_200), 205),
            hoist("Arjo", "Maxi Move", (5_500, 7_500), 227),
            hoist("Etac", "Molift Mover 205", (3_600, 5_500), 205),
            hoist("Liko", "LikoGuard L", (6_000, 8_500), 250),
        ],
    },
    CategoryPlan {
        category: Category::C17,
        adult_weight: 40,
        child_weight: 0,
        electric_pct: 0,
        models: &[
            m("Etac", "ReTurn7500", (700, 1_200), Some((150, 150))),
            m("Etac", "Molift Raiser", (900, 1_400), Some((150, 150))),
            m("Arjo", "Sara Stedy", (1_200, 1_800), Some((182, 182))),
        ],
    },
    CategoryPlan {
        category: Category::C18,
        adult_weight: 3,
        child_weight: 35,
        electric_pct: 0,
        models: &[
            m(
                "Thomashilfen",
                "Recaro Monza Nova Reha",
                (1_200, 1_900),
                Some((36, 36)),
            ),
            m("R82", "Cheetah", (1_800, 3_000), Some((36, 36))),
            m("R82", "Carrot 3", (1_500, 2_600), Some((36, 36))),
        ],
    },
];

pub fn plan(c: Category) -> &'static CategoryPlan {
    PLANS.iter().find(|p| p.category == c).unwrap_or(&PLANS[0])
}

/// Categories a case manager handles (complex and custom work).
pub fn complex(c: Category) -> bool {
    matches!(
        c,
        Category::C2 | Category::C4 | Category::C7 | Category::C11 | Category::C14 | Category::C18
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_models() {
        for c in Category::ALL {
            let p = plan(c);
            assert_eq!(p.category, c);
            assert!(!p.models.is_empty());
            assert!(p.adult_weight + p.child_weight > 0);
            for m in p.models {
                assert!(m.price_eur.0 <= m.price_eur.1);
                assert_eq!(m.swl_kg.is_some(), c.is_hoist());
            }
        }
    }
}
