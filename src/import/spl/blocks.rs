//! One SPL `<text>` element → paragraphs, sub-headings and lists.
//!
//! SPL marks structure with `<paragraph>`, `<list>`/`<item>` and `<table>`,
//! but labels also type bullets as text ("• fever • chills") and lay symptom
//! lists out as tables of bullet cells; both become list items here. Text
//! inside an item (its own paragraphs, a nested list or table) stays with
//! that item, so a list item reads as one line.

use super::refs::{LINK_END, LINK_START, drop_linked_references};
use crate::import::label::Block;

/// The longest all-bold paragraph still read as a sub-heading; longer bold
/// text is an emphasised paragraph (boxed warnings are bold throughout).
const MAX_HEADING_CHARS: usize = 160;

/// The bullet characters labels type into running text.
const BULLETS: [char; 3] = ['•', '●', '▪'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Text directly inside `<text>`.
    Base,
    Paragraph,
    Item,
    Cell,
    Caption,
}

#[derive(Debug)]
struct Container {
    kind: Kind,
    text: String,
    /// Visible characters outside and inside bold `<content>`.
    plain: usize,
    bold: usize,
    /// Items of lists and cells of tables nested in this container.
    nested: Vec<String>,
}

impl Container {
    fn new(kind: Kind) -> Self {
        Container {
            kind,
            text: String::new(),
            plain: 0,
            bold: 0,
            nested: Vec::new(),
        }
    }

    /// Its text with nested items after it: "symptoms such as: fever; cough".
    fn joined(&self) -> String {
        let own = tidy(&self.text);
        if self.nested.is_empty() {
            return own;
        }
        let nested = self.nested.join("; ");
        if own.is_empty() {
            nested
        } else if own.ends_with(':') {
            format!("{own} {nested}")
        } else {
            format!("{own}: {nested}")
        }
    }

    fn is_heading(&self, text: &str) -> bool {
        self.plain == 0
            && self.bold > 0
            && text.chars().count() <= MAX_HEADING_CHARS
            && !text.ends_with('.')
            && !text.contains(BULLETS)
            // "See “What is …?”" points elsewhere; it heads nothing.
            && !text.starts_with("See ")
    }
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    captions: Vec<String>,
}

/// Collects one `<text>` element's blocks from its parts as they stream by.
#[derive(Debug)]
pub(super) struct TextBuilder {
    containers: Vec<Container>,
    lists: Vec<Vec<String>>,
    tables: Vec<Table>,
    bold_depth: usize,
    blocks: Vec<Block>,
}

impl Default for TextBuilder {
    fn default() -> Self {
        TextBuilder {
            containers: vec![Container::new(Kind::Base)],
            lists: Vec::new(),
            tables: Vec::new(),
            bold_depth: 0,
            blocks: Vec::new(),
        }
    }
}

impl TextBuilder {
    /// Character data, entities already resolved.
    pub fn text(&mut self, text: &str) {
        let bold = self.bold_depth > 0;
        let top = self.top();
        for c in text.chars() {
            // The link markers are this module's own: a label's text cannot
            // forge them.
            if c == LINK_START || c == LINK_END {
                continue;
            }
            if !c.is_whitespace() {
                if bold {
                    top.bold += 1;
                } else {
                    top.plain += 1;
                }
            }
            top.text.push(c);
        }
    }

    /// `<br/>`.
    pub fn line_break(&mut self) {
        self.top().text.push('\n');
    }

    /// `<content styleCode="bold">` opens or closes.
    pub fn bold(&mut self, open: bool) {
        if open {
            self.bold_depth += 1;
        } else {
            self.bold_depth = self.bold_depth.saturating_sub(1);
        }
    }

    /// A link inside the label (`<linkHtml href="#…">`) opens or closes: a
    /// cross-reference whose brackets are dropped with it.
    pub fn link(&mut self, open: bool) {
        self.top()
            .text
            .push(if open { LINK_START } else { LINK_END });
    }

    /// `<paragraph>` opens.
    pub fn open_paragraph(&mut self) {
        self.open(Kind::Paragraph);
    }

    /// `<item>` opens.
    pub fn open_item(&mut self) {
        self.open(Kind::Item);
    }

    /// `<td>` or `<th>` opens.
    pub fn open_cell(&mut self) {
        self.open(Kind::Cell);
    }

    /// `<caption>` opens.
    pub fn open_caption(&mut self) {
        self.open(Kind::Caption);
    }

    /// `<list>` opens.
    pub fn open_list(&mut self) {
        self.flush_base();
        self.lists.push(Vec::new());
    }

    /// `<table>` opens.
    pub fn open_table(&mut self) {
        self.flush_base();
        self.tables.push(Table::default());
    }

    /// `<tr>` closes.
    pub fn close_row(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            let row = std::mem::take(&mut table.row);
            if row.iter().any(|c| !c.is_empty()) {
                table.rows.push(row);
            }
        }
    }

    /// A paragraph, item, cell or caption closes.
    pub fn close_container(&mut self) {
        if self.containers.len() <= 1 {
            return;
        }
        let Some(done) = self.containers.pop() else {
            return;
        };
        let table_cell = done.kind == Kind::Cell && !self.tables.is_empty();
        let nested_text = matches!(done.kind, Kind::Paragraph | Kind::Caption | Kind::Cell)
            && !table_cell
            && self.top().kind != Kind::Base;
        if nested_text {
            // A paragraph inside an item or cell is part of its text, tidied
            // once with it.
            let parent = self.top();
            parent.text.push('\n');
            parent.text.push_str(&done.text);
            parent.nested.extend(done.nested);
            return;
        }
        let text = done.joined();
        match done.kind {
            Kind::Base => {}
            Kind::Cell if table_cell => {
                if let Some(table) = self.tables.last_mut() {
                    table.row.push(text.replace('\n', " "));
                }
            }
            // A cell outside any table is read as a paragraph.
            Kind::Paragraph | Kind::Cell => self.paragraph(&text, done.is_heading(&text)),
            Kind::Caption => match self.tables.last_mut() {
                Some(table) => table.captions.push(text),
                None => self.paragraph(&text, false),
            },
            Kind::Item => {
                let items = item_texts(&text);
                match self.lists.last_mut() {
                    Some(list) => list.extend(items),
                    None => self.paragraph(&text, false),
                }
            }
        }
    }

    /// `<list>` closes.
    pub fn close_list(&mut self) {
        let Some(items) = self.lists.pop() else {
            return;
        };
        if self.top().kind == Kind::Base {
            self.push_list(items);
        } else {
            self.top().nested.extend(items);
        }
    }

    /// `<table>` closes: rows of bullet cells become list items, other rows
    /// a line each with their cells joined.
    pub fn close_table(&mut self) {
        self.close_row();
        let Some(table) = self.tables.pop() else {
            return;
        };
        let nested = self.top().kind != Kind::Base;
        for caption in table.captions.into_iter().filter(|c| !c.is_empty()) {
            if nested {
                self.top().nested.push(caption);
            } else {
                self.blocks.push(Block::Heading(caption));
            }
        }
        for row in table.rows {
            let cells: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
            if cells.iter().all(|c| c.starts_with(BULLETS)) {
                let items: Vec<String> = cells.iter().flat_map(|c| item_texts(c)).collect();
                if nested {
                    self.top().nested.extend(items);
                } else {
                    self.push_list(items);
                }
            } else {
                let line = cells
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(" — ");
                if nested {
                    self.top().nested.push(line);
                } else {
                    self.blocks.push(Block::Paragraph(line));
                }
            }
        }
    }

    /// The blocks of the whole `<text>`.
    pub fn finish(mut self) -> Vec<Block> {
        while self.containers.len() > 1 {
            self.close_container();
        }
        while !self.lists.is_empty() {
            self.close_list();
        }
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.flush_base();
        self.blocks
    }

    fn top(&mut self) -> &mut Container {
        if self.containers.is_empty() {
            self.containers.push(Container::new(Kind::Base));
        }
        let last = self.containers.len() - 1;
        &mut self.containers[last]
    }

    fn open(&mut self, kind: Kind) {
        self.flush_base();
        self.containers.push(Container::new(kind));
    }

    /// Text typed straight into `<text>` before a block element: a paragraph.
    fn flush_base(&mut self) {
        if self.containers.len() != 1 {
            return;
        }
        let base = std::mem::replace(&mut self.containers[0], Container::new(Kind::Base));
        let text = base.joined();
        if !text.is_empty() {
            self.paragraph(&text, base.is_heading(&text));
        }
    }

    /// A paragraph's text: typed bullets become a list after its lead-in,
    /// line breaks separate paragraphs.
    fn paragraph(&mut self, text: &str, heading: bool) {
        if text.is_empty() {
            return;
        }
        if heading {
            self.blocks.push(Block::Heading(text.to_string()));
            return;
        }
        let mut parts = text.split(BULLETS);
        let lead = parts.next().unwrap_or_default();
        for line in lead.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match dashed_item(line) {
                Some(item) => self.push_list(vec![item.to_string()]),
                None => self.blocks.push(Block::Paragraph(line.to_string())),
            }
        }
        let items: Vec<String> = parts.map(tidy).filter(|i| !i.is_empty()).collect();
        self.push_list(items);
    }

    /// Adds items to the list just before, or starts a list.
    fn push_list(&mut self, items: Vec<String>) {
        if items.is_empty() {
            return;
        }
        match self.blocks.last_mut() {
            Some(Block::List(list)) => list.extend(items),
            _ => self.blocks.push(Block::List(items)),
        }
    }
}

/// The item of a line typed as "-with severe cardiovascular disorders" or
/// "– a rash" (a dash, then words; not "-5 °C").
fn dashed_item(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(['-', '–'])?;
    let item = rest.trim_start();
    item.starts_with(char::is_alphabetic).then_some(item)
}

/// An item's text as list items. Bullets typed on the item's own line
/// ("heart disease • high blood pressure") separate items; bullets on lines
/// after a lead-in ("temporarily relieves" then "• sneezing") belong to it.
fn item_texts(text: &str) -> Vec<String> {
    let text = text.trim().trim_start_matches(BULLETS).trim();
    if !text.contains(BULLETS) {
        let one = tidy(text).replace('\n', " ");
        return if one.is_empty() {
            Vec::new()
        } else {
            vec![one]
        };
    }
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    if !first.contains(BULLETS) && !rest.trim().is_empty() {
        let subs: Vec<String> = rest
            .split(BULLETS)
            .map(|s| tidy(s).replace('\n', " "))
            .filter(|s| !s.is_empty())
            .collect();
        let lead = tidy(first);
        let joined = subs.join("; ");
        return vec![if lead.ends_with(':') {
            format!("{lead} {joined}")
        } else {
            format!("{lead}: {joined}")
        }];
    }
    text.split(BULLETS)
        .map(|s| tidy(s).replace('\n', " "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Collapses spaces (line breaks kept), drops cross-references that were
/// links, and trims every line.
fn tidy(text: &str) -> String {
    let text = drop_linked_references(text);
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(b: &mut TextBuilder, text: &str) {
        b.open_paragraph();
        b.text(text);
        b.close_container();
    }

    /// A table of `rows`, each cell plain text.
    fn table(b: &mut TextBuilder, rows: &[[&str; 2]]) {
        b.open_table();
        for cells in rows {
            for cell in cells {
                b.open_cell();
                b.text(cell);
                b.close_container();
            }
            b.close_row();
        }
        b.close_table();
    }

    #[test]
    fn typed_bullets_become_a_list_after_the_lead_in() {
        let mut b = TextBuilder::default();
        b.open_paragraph();
        b.text("Reported infections include:");
        b.line_break();
        b.text("• Active TB. ");
        b.line_break();
        b.text("• Fungal infections.");
        b.close_container();
        para(&mut b, "• sneezing   • runny nose");
        para(&mut b, "-with known allergies.");
        para(&mut b, "-5 °C is too cold.");
        assert_eq!(
            b.finish(),
            [
                Block::Paragraph("Reported infections include:".into()),
                Block::List(vec![
                    "Active TB.".into(),
                    "Fungal infections.".into(),
                    "sneezing".into(),
                    "runny nose".into(),
                    "with known allergies.".into(),
                ]),
                Block::Paragraph("-5 °C is too cold.".into()),
            ]
        );
    }

    #[test]
    fn short_bold_paragraphs_are_headings_long_ones_are_not() {
        let mut b = TextBuilder::default();
        b.open_paragraph();
        b.bold(true);
        b.text("What is the most important information I should know about X?");
        b.bold(false);
        b.close_container();
        b.open_paragraph();
        b.bold(true);
        b.text("Discontinue X if a patient develops a serious infection.");
        b.bold(false);
        b.close_container();
        b.open_paragraph();
        b.text("call ");
        b.bold(true);
        b.text("1-800");
        b.bold(false);
        b.close_container();
        assert_eq!(
            b.finish(),
            [
                Block::Heading(
                    "What is the most important information I should know about X?".into()
                ),
                Block::Paragraph("Discontinue X if a patient develops a serious infection.".into()),
                Block::Paragraph("call 1-800".into()),
            ]
        );
    }

    #[test]
    fn items_keep_their_nested_tables_and_paragraphs() {
        let mut b = TextBuilder::default();
        b.open_list();
        b.open_item();
        b.text("have symptoms of infection such as:");
        table(&mut b, &[["• fever", "• cough"], ["• muscle aches", ""]]);
        b.close_container();
        b.open_item();
        b.text("temporarily relieves ");
        para(&mut b, "• sneezing • itchy eyes");
        b.close_container();
        b.open_item();
        b.text("heart disease • high blood pressure");
        b.close_container();
        b.close_list();
        assert_eq!(
            b.finish(),
            [Block::List(vec![
                "have symptoms of infection such as: fever; cough; muscle aches".into(),
                "temporarily relieves: sneezing; itchy eyes".into(),
                "heart disease".into(),
                "high blood pressure".into(),
            ])]
        );
    }

    #[test]
    fn table_rows_become_lines_and_linked_references_go() {
        let mut b = TextBuilder::default();
        table(
            &mut b,
            &[["Age", "Dose"], ["children 6 to 12", "2 teaspoonfuls"]],
        );
        b.open_paragraph();
        b.text("Risk of infection [see Warnings and Precautions ");
        b.link(true);
        b.text("(5.1)");
        b.link(false);
        b.text("]. Not for dementia (see ");
        b.link(true);
        b.text("WARNINGS");
        b.link(false);
        b.text(").");
        b.close_container();
        assert_eq!(
            b.finish(),
            [
                Block::Paragraph("Age — Dose".into()),
                Block::Paragraph("children 6 to 12 — 2 teaspoonfuls".into()),
                Block::Paragraph("Risk of infection. Not for dementia.".into()),
            ]
        );
    }
}
