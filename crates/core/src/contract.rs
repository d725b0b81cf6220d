//! The contract's tariffs as data, not code: `assets/contracts/<id>.json` holds, per
//! category, the Annex 2 price (monthly all-in rent or a one-off purchase, euro cents excl.
//! VAT), whether the category carries a service tariff (Annex 2: category 12 is bought
//! without one, so the supplier keeps no maintenance due date for it), and an open question
//! where the contract contradicts itself. Annex 2 prints categories 2 and 3 the other way
//! round from PvE 4.2; the data keeps both printed lines and gives neither category a price
//! until the municipalities confirm which reading holds (docs/contract.md).

use crate::category::{Category, ElectricKind, Price};
use crate::Localized;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The framework agreement the app ships with.
const WMO_2024: &str = include_str!("../../../assets/contracts/wmo-2024.json");

/// One category's terms under a contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Tariff {
    pub category: Category,
    /// None while the contract's price for the category is an open question.
    pub price: Option<Price>,
    /// Why there is no price, in words (both languages).
    #[serde(default)]
    pub open_question: Option<Localized>,
    /// Whether the supplier maintains devices of the category (false: bought without a
    /// service tariff; no maintenance due date is kept).
    #[serde(default = "yes")]
    pub service_tariff: bool,
}

fn yes() -> bool {
    true
}

/// A line of Annex 2 as printed, where its number and its name point at different
/// categories of PvE 4.2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedLine {
    /// The number Annex 2 prints.
    pub line: String,
    /// The PvE 4.2 category whose name the line carries.
    pub name_of_category: Category,
    pub price: Price,
}

/// A contract's terms as data: its tariffs and the readings its reports depend on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub id: String,
    pub title: Localized,
    /// The date the prices hold at.
    pub price_level: NaiveDate,
    pub excluding_vat: bool,
    pub note: String,
    /// How long after a delivery a further fitting, adjustment or re-delivery for the same
    /// order makes it not right the first time (the contract names the KPI, not the
    /// period: a reading, docs/contract.md).
    pub first_time_right_days: u32,
    pub categories: Vec<Tariff>,
    #[serde(default)]
    pub annex_2_lines: Vec<PrintedLine>,
}

impl Contract {
    /// Reads and checks a contract's tariffs: every category exactly once, in the contract's
    /// order; a price or an open question (not both, not neither).
    pub fn from_json(json: &str) -> Result<Contract, String> {
        let t: Contract = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if t.categories.len() != Category::ALL.len() {
            return Err(format!(
                "{} categories, the contract has {}",
                t.categories.len(),
                Category::ALL.len()
            ));
        }
        for (entry, expected) in t.categories.iter().zip(Category::ALL) {
            if entry.category != expected {
                return Err(format!(
                    "category {} where {} belongs",
                    entry.category.code(),
                    expected.code()
                ));
            }
            match (&entry.price, &entry.open_question) {
                (Some(_), None) | (None, Some(_)) => {}
                (Some(_), Some(_)) => {
                    return Err(format!(
                        "category {}: a price and an open question",
                        expected.code()
                    ))
                }
                (None, None) => {
                    return Err(format!(
                        "category {}: neither a price nor an open question",
                        expected.code()
                    ))
                }
            }
        }
        Ok(t)
    }

    /// The terms of a category.
    pub fn tariff(&self, c: Category) -> &Tariff {
        // from_json checked that categories[i] is Category::ALL[i]
        let i = Category::ALL.iter().position(|x| *x == c).unwrap_or(0);
        &self.categories[i]
    }
}

/// The tariffs of the contract the app ships with (checked by the tests below; the file is
/// part of the build, not input).
pub fn current() -> &'static Contract {
    static CURRENT: OnceLock<Contract> = OnceLock::new();
    CURRENT.get_or_init(|| {
        Contract::from_json(WMO_2024)
            .unwrap_or_else(|e| panic!("assets/contracts/wmo-2024.json is invalid: {e}"))
    })
}

/// Whether devices of a category are maintained by the supplier under the contract.
pub fn has_service_tariff(c: Category) -> bool {
    current().tariff(c).service_tariff
}

/// Metadata of one category for the UI (a list the front end can show and filter on).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CategoryInfo {
    pub code: Category,
    pub name: Localized,
    /// The contract's price (data: assets/contracts); None while it is an open question.
    pub price: Option<Price>,
    /// Why there is no price.
    pub price_question: Option<Localized>,
    /// Whether the supplier maintains the category (a maintenance due date is kept).
    pub service_tariff: bool,
    pub electric: ElectricKind,
    pub hoist: bool,
}

impl From<Category> for CategoryInfo {
    fn from(c: Category) -> Self {
        let tariff = current().tariff(c);
        CategoryInfo {
            code: c,
            name: c.name(),
            price: tariff.price,
            price_question: tariff.open_question.clone(),
            service_tariff: tariff.service_tariff,
            electric: c.electric(),
            hoist: c.is_hoist(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_contract_reads_and_matches_annex_2() {
        let t = current();
        assert_eq!(t.first_time_right_days, 30);
        assert_eq!(t.price_level, NaiveDate::from_ymd_opt(2024, 10, 1).unwrap());
        let rent = |c| match t.tariff(c).price {
            Some(Price::MonthlyRent { cents }) => cents,
            ref p => panic!("{c:?}: {p:?}"),
        };
        assert_eq!(rent(Category::C1), 1_250);
        assert_eq!(rent(Category::C5b), 10_752);
        assert_eq!(rent(Category::C7), 30_000);
        assert_eq!(rent(Category::C16), 9_200);
        assert_eq!(
            t.tariff(Category::C12).price,
            Some(Price::Purchase { cents: 25_000 })
        );
        // only the category bought without a service tariff is not maintained
        let unmaintained: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| !has_service_tariff(*c))
            .collect();
        assert_eq!(unmaintained, vec![Category::C12]);
    }

    #[test]
    fn categories_2_and_3_are_an_open_question_with_both_printed_lines_kept() {
        let t = current();
        for c in [Category::C2, Category::C3] {
            let tariff = t.tariff(c);
            assert_eq!(tariff.price, None, "{c:?} has no guessed price");
            let q = tariff.open_question.as_ref().expect("the question");
            assert!(q.nl.contains("4.2") && q.en.contains("4.2"), "{q:?}");
        }
        // Annex 2 line 3 carries category 2's name, line 2 category 3's
        let by_line = |l: &str| t.annex_2_lines.iter().find(|x| x.line == l).unwrap();
        assert_eq!(by_line("3").name_of_category, Category::C2);
        assert_eq!(by_line("2").name_of_category, Category::C3);
        assert_eq!(by_line("3").price, Price::MonthlyRent { cents: 7_000 });
    }

    #[test]
    fn a_contract_file_with_a_hole_or_a_guess_is_refused() {
        let mut v: serde_json::Value = serde_json::from_str(WMO_2024).unwrap();
        let mut missing = v.clone();
        missing["categories"].as_array_mut().unwrap().remove(4);
        assert!(Contract::from_json(&missing.to_string()).is_err());
        v["categories"][1]["price"] = serde_json::json!({"kind": "monthly_rent", "cents": 7000});
        let err = Contract::from_json(&v.to_string()).unwrap_err();
        assert!(err.contains("open question"), "{err}");
        let mut swapped: serde_json::Value = serde_json::from_str(WMO_2024).unwrap();
        swapped["categories"].as_array_mut().unwrap().swap(0, 1);
        assert!(Contract::from_json(&swapped.to_string()).is_err());
    }
}
