//! The page templates and how they are rendered.

use minijinja::{Environment, State};

pub struct Views {
    env: Environment<'static>,
}

/// `{{ tr("Inwoners", "Residents") }}`: the text in the page's language.
fn tr(state: &State, nl: String, en: String) -> String {
    let english = state
        .lookup("lang")
        .is_some_and(|l| l.as_str() == Some("en"));
    if english {
        en
    } else {
        nl
    }
}

impl Views {
    pub fn new() -> Result<Views, minijinja::Error> {
        let mut env = Environment::new();
        env.add_function("tr", tr);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        Ok(Views { env })
    }

    pub fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(ctx)
    }
}

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("office/templates/base.html")),
    ("login.html", include_str!("office/templates/login.html")),
    (
        "dashboard.html",
        include_str!("office/templates/dashboard.html"),
    ),
    (
        "technicians.html",
        include_str!("office/templates/technicians.html"),
    ),
    (
        "residents.html",
        include_str!("office/templates/residents.html"),
    ),
    (
        "resident.html",
        include_str!("office/templates/resident.html"),
    ),
    (
        "records.html",
        include_str!("office/templates/records.html"),
    ),
    ("device.html", include_str!("office/templates/device.html")),
    (
        "repairs.html",
        include_str!("office/templates/repairs.html"),
    ),
    (
        "signals.html",
        include_str!("office/templates/signals.html"),
    ),
    (
        "reports.html",
        include_str!("office/templates/reports.html"),
    ),
    ("report.html", include_str!("office/templates/report.html")),
    (
        "deviations.html",
        include_str!("office/templates/deviations.html"),
    ),
    (
        "conflicts.html",
        include_str!("office/templates/conflicts.html"),
    ),
    (
        "messages.html",
        include_str!("office/templates/messages.html"),
    ),
    ("plans.html", include_str!("office/templates/plans.html")),
    ("audit.html", include_str!("office/templates/audit.html")),
    ("_plans.html", include_str!("office/templates/_plans.html")),
    (
        "_quarters.html",
        include_str!("office/templates/_quarters.html"),
    ),
    (
        "_signals.html",
        include_str!("office/templates/_signals.html"),
    ),
    (
        "_complaints.html",
        include_str!("office/templates/_complaints.html"),
    ),
    (
        "_messages.html",
        include_str!("office/templates/_messages.html"),
    ),
    (
        "municipality_overview.html",
        include_str!("office/templates/municipality_overview.html"),
    ),
    (
        "municipality_plans.html",
        include_str!("office/templates/municipality_plans.html"),
    ),
    (
        "municipality_complaints.html",
        include_str!("office/templates/municipality_complaints.html"),
    ),
    (
        "municipality_messages.html",
        include_str!("office/templates/municipality_messages.html"),
    ),
];
