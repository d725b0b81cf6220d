//! A letter to a resident, read back as a reader would (poppler-utils): the address block,
//! the date, the subject and every paragraph of the text, diacritics intact; the same data
//! gives the same bytes.

mod reader;

use reader::{squash, Pdf};
use veldwerk_docs::model::{Address, Lang, Organisation};
use veldwerk_docs::{render_letter, LetterData};

fn letter() -> LetterData {
    LetterData {
        sender: Organisation {
            name: "Hulpmiddelen Oost B.V.".into(),
            address: Some(Address {
                street: "Industrieweg 4".into(),
                postcode: "7421 AB".into(),
                town: "Deventer".into(),
            }),
            phone: Some("0800-123 45 67".into()),
            email: None,
        },
        to: vec![
            "Anke Ruïzendaal".into(),
            "Kerkstraat 12a".into(),
            "7231 AB ’s-Heerenberg".into(),
        ],
        dated: chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        subject: "Reparatie van uw rolstoel: de nieuwe datum is 6 maart 2026".into(),
        body: "Beste Anke Ruïzendaal,\n\nDie datum halen wij niet.\n\nMet vriendelijke groet,\nHulpmiddelen Oost B.V.".into(),
        reference: "019a0000-0000-7000-8000-00000000e001".into(),
        written_at: "2026-03-03T09:00:00Z".parse().unwrap(),
    }
}

#[test]
fn a_letter_reads_as_written_and_is_the_same_every_time() {
    let out = render_letter(&letter(), Lang::Nl).expect("render");
    let pdf = Pdf::new(&out.bytes);
    assert_eq!(pdf.render().len(), 1);
    let text = squash(&pdf.text());
    for needle in [
        "AnkeRuïzendaal",
        "’sHeerenberg",
        "3maart2026",
        "Reparatievanuwrolstoel:denieuwedatumis6maart2026",
        "Diedatumhalenwijniet.",
        "08001234567",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    let again = render_letter(&letter(), Lang::Nl).expect("render again");
    assert_eq!(out.bytes, again.bytes, "the same letter, other bytes");
    // nothing to say, or no address: refused
    let mut empty = letter();
    empty.body = "  ".into();
    assert!(render_letter(&empty, Lang::Nl).is_err());
    let mut nowhere = letter();
    nowhere.to = vec![" ".into()];
    assert!(render_letter(&nowhere, Lang::Nl).is_err());
}
