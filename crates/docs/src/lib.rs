//! The contract's documents as PDF, produced offline and pure: the user agreement at
//! delivery (PvE 6.4), the hoist inspection certificate (PvE 7.2 / 4.1.5) and the job report
//! (werkbon) for maintenance and repairs. Input is plain data (`model`), output is PDF bytes
//! and their SHA-256. Same data, same bytes.

pub mod agreement;
mod blocks;
mod certificate;
mod common;
pub mod error;
pub mod fill;
mod fonts;
mod images;
mod job_report;
pub mod layout;
mod letter;
pub mod model;
mod pdf;
pub mod sample;

pub use agreement::{
    agreement_text, agreement_text_hash, render_agreement, AgreementTemplate, AgreementText,
    SignedAgreement, TextBlock,
};
pub use certificate::render_hoist_certificate;
pub use error::{DocError, ImageProblem};
pub use job_report::render_job_report;
pub use layout::LayoutStats;
pub use letter::{render_letter, LetterData};
pub use pdf::RenderedPdf;
