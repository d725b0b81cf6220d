//! Layout helpers shared by the documents: text normalisation and line breaking (`text`),
//! the page flow with headers, footers and page breaks (`flow`), and tables (`table`).

pub mod flow;
pub mod table;
pub mod text;

pub use flow::{Flow, LayoutStats, Style, CONTENT_W, LEFT, RIGHT};
pub use table::{table, Cell, Column, TableStyle};
pub use text::{normalise, one_line};
