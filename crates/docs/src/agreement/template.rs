//! The user agreement's text as a versioned template (assets/agreements/*.md).
//!
//! Format: a header of `key: value` lines (id, version, lang, title), a line `---`, then the
//! body. Every non-blank body line is one block: `## ` a heading, `- ` a bullet, `[[parties]]`
//! or `[[device]]` a list of fields filled from the data, anything else a paragraph. A line
//! may start with conditions, `?flag` or `?!flag` (flags: loan, owned, electric,
//! representative), and is left out when a condition does not hold. `{{name}}` placeholders
//! are filled from the data; an unknown placeholder or flag is an error when the template is
//! parsed, so a broken template never reaches a signer.

use crate::error::{DocError, Result};
use crate::model::Lang;

const BUILTIN: [&str; 2] = [
    include_str!("../../../../assets/agreements/user-agreement.v1.nl.md"),
    include_str!("../../../../assets/agreements/user-agreement.v1.en.md"),
];

/// The placeholders a template may use.
pub const PLACEHOLDERS: [&str; 10] = [
    "supplier.name",
    "supplier.phone",
    "municipality.name",
    "order_reference",
    "representative.name",
    "representative.capacity",
    "complaints_contact",
    "resident.name",
    "delivery_date",
    "device.registration_number",
];

/// The conditions a line may depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Loan,
    Owned,
    Electric,
    Representative,
}

/// Which list of fields a `[[...]]` line stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldList {
    Parties,
    Device,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    Heading(String),
    Paragraph(String),
    Bullet(String),
    Fields(FieldList),
}

/// One body line with the conditions (flag, wanted value) it depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateLine {
    pub conditions: Vec<(Flag, bool)>,
    pub kind: LineKind,
}

/// A parsed agreement template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementTemplate {
    pub id: String,
    pub version: u32,
    pub lang: Lang,
    pub title: String,
    pub lines: Vec<TemplateLine>,
}

fn err(reason: impl Into<String>) -> DocError {
    DocError::Template {
        reason: reason.into(),
    }
}

impl AgreementTemplate {
    /// The newest built-in template in `lang`.
    pub fn current(lang: Lang) -> Result<AgreementTemplate> {
        let mut best: Option<AgreementTemplate> = None;
        for source in BUILTIN {
            let t = AgreementTemplate::parse(source)?;
            if t.lang == lang && best.as_ref().is_none_or(|b| t.version > b.version) {
                best = Some(t);
            }
        }
        best.ok_or_else(|| err("no built-in template for this language"))
    }

    /// A built-in template by id and version (what a signed agreement recorded).
    pub fn builtin(id: &str, version: u32, lang: Lang) -> Result<AgreementTemplate> {
        for source in BUILTIN {
            let t = AgreementTemplate::parse(source)?;
            if t.id == id && t.version == version && t.lang == lang {
                return Ok(t);
            }
        }
        Err(err(format!("no built-in template {id} v{version}")))
    }

    /// Parses a template from its text.
    pub fn parse(source: &str) -> Result<AgreementTemplate> {
        let (head, body) = source
            .split_once("\n---\n")
            .ok_or_else(|| err("missing the '---' line after the header"))?;
        let mut id = None;
        let mut version = None;
        let mut lang = None;
        let mut title = None;
        for line in head.lines().filter(|l| !l.trim().is_empty()) {
            let (k, v) = line
                .split_once(':')
                .ok_or_else(|| err(format!("header line without ':': {line}")))?;
            let v = v.trim().to_string();
            match k.trim() {
                "id" => id = Some(v),
                "version" => version = Some(v.parse().map_err(|_| err("version is not a number"))?),
                "lang" => lang = Some(parse_lang(&v)?),
                "title" => title = Some(v),
                other => return Err(err(format!("unknown header key {other}"))),
            }
        }
        let lines = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(parse_line)
            .collect::<Result<Vec<_>>>()?;
        Ok(AgreementTemplate {
            id: id.ok_or_else(|| err("no id"))?,
            version: version.ok_or_else(|| err("no version"))?,
            lang: lang.ok_or_else(|| err("no lang"))?,
            title: title.ok_or_else(|| err("no title"))?,
            lines,
        })
    }
}

fn parse_lang(v: &str) -> Result<Lang> {
    match v {
        "nl" => Ok(Lang::Nl),
        "en" => Ok(Lang::En),
        other => Err(err(format!("unknown language {other}"))),
    }
}

fn parse_flag(name: &str) -> Result<Flag> {
    match name {
        "loan" => Ok(Flag::Loan),
        "owned" => Ok(Flag::Owned),
        "electric" => Ok(Flag::Electric),
        "representative" => Ok(Flag::Representative),
        other => Err(err(format!("unknown condition ?{other}"))),
    }
}

fn parse_line(line: &str) -> Result<TemplateLine> {
    let mut rest = line;
    let mut conditions = Vec::new();
    while let Some(cond) = rest.strip_prefix('?') {
        let (word, tail) = cond.split_once(' ').unwrap_or((cond, ""));
        let (wanted, name) = match word.strip_prefix('!') {
            Some(n) => (false, n),
            None => (true, word),
        };
        conditions.push((parse_flag(name)?, wanted));
        rest = tail.trim_start();
    }
    let kind = if let Some(h) = rest.strip_prefix("## ") {
        LineKind::Heading(checked(h)?)
    } else if let Some(b) = rest.strip_prefix("- ") {
        LineKind::Bullet(checked(b)?)
    } else if rest == "[[parties]]" {
        LineKind::Fields(FieldList::Parties)
    } else if rest == "[[device]]" {
        LineKind::Fields(FieldList::Device)
    } else if rest.is_empty() || rest.starts_with("[[") {
        return Err(err(format!("line not understood: {line}")));
    } else {
        LineKind::Paragraph(checked(rest)?)
    };
    Ok(TemplateLine { conditions, kind })
}

/// Checks that every `{{...}}` in `text` is a known placeholder.
fn checked(text: &str) -> Result<String> {
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| err(format!("unclosed placeholder in: {text}")))?;
        let name = &after[..end];
        if !PLACEHOLDERS.contains(&name) {
            return Err(err(format!("unknown placeholder {{{{{name}}}}}")));
        }
        rest = &after[end + 2..];
    }
    Ok(text.to_string())
}

/// Replaces every placeholder with its value; `value` returns `None` for a placeholder the
/// data has no value for, which is an error.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> Result<String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| err("unclosed placeholder"))?;
        let name = &after[..end];
        out.push_str(&value(name).ok_or_else(|| err(format!("no value for {{{{{name}}}}}")))?);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}
