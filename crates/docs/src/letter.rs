//! A letter to a resident (a message whose channel is the post): the sender, the address
//! block, the place and date, the subject and the text, for the office to print and send.
//! Made from the message as recorded, so the letter says exactly what was recorded.

use crate::common::*;
use crate::error::Result;
use crate::layout::{normalise, one_line, Flow, Style, LEFT};
use crate::model::{Lang, Organisation};
use crate::pdf::{assemble, font_ids, Meta, RenderedPdf};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Everything a letter is made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterData {
    pub sender: Organisation,
    /// The addressee's name and address, one line each.
    pub to: Vec<String>,
    /// The day written above the letter.
    pub dated: NaiveDate,
    pub subject: String,
    /// The text; a blank line starts a new paragraph.
    pub body: String,
    /// The message's reference (its id), in the footer.
    pub reference: String,
    /// When the message was recorded (the document's date).
    pub written_at: DateTime<Utc>,
}

/// Renders the letter in `lang` (the words around the text; the text is as recorded).
pub fn render_letter(d: &LetterData, lang: Lang) -> Result<RenderedPdf> {
    required("sender", &d.sender.name, 200)?;
    required("subject", &d.subject, 300)?;
    required("body", &d.body, 8000)?;
    at_most("address lines", &d.to, 8)?;
    for line in &d.to {
        required("address line", line, 200)?;
    }
    let doc_id = data_id("letter", lang, d)?;
    let mut flow = Flow::new(font_ids(&doc_id));
    let mut sender = vec![one_line(&d.sender.name)];
    if let Some(a) = &d.sender.address {
        sender.push(address(a));
    }
    if let Some(p) = &d.sender.phone {
        sender.push(format!("{} {}", tr(lang, "Telefoon", "Phone"), one_line(p)));
    }
    flow.paragraph(&sender.join("\n"), Style::SMALL.grey(0.35), LEFT, None);
    flow.advance(28.0);
    let to: Vec<String> = d.to.iter().map(|l| one_line(l)).collect();
    flow.paragraph(&to.join("\n"), Style::BODY, LEFT, None);
    flow.advance(24.0);
    flow.paragraph(&date(lang, d.dated), Style::BODY, LEFT, None);
    flow.heading(&one_line(&d.subject), Style::H2, 14.0);
    for part in normalise(&d.body).split("\n\n") {
        let part = part.trim();
        if !part.is_empty() {
            flow.paragraph(part, Style::BODY, LEFT, Some(lang));
            flow.advance(6.0);
        }
    }
    let title = tr(lang, "Brief", "Letter");
    let laid = flow.finish(
        title,
        &one_line(&d.reference),
        &footer(lang, &doc_id, "letter", 1),
        |i, n| page_label(lang, i, n),
    );
    let subject = one_line(&d.subject);
    let meta = Meta {
        title,
        subject: &subject,
        lang,
        doc_id,
        created: d.written_at,
    };
    assemble(laid, Vec::new(), &meta)
}
