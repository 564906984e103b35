//! The label's sections, nested as SPL nests them, flattened into fields.
//!
//! A section with a LOINC code rxdoc reads becomes its own [`Section`], in
//! document order. A section without one (unclassified 42229-5, no code at
//! all, as in old labels) is known by its title ("INDICATIONS AND USAGE")
//! where no section around it is read; inside warnings or precautions its
//! title may still name another field ("Usage in Pregnancy", OTC "Ask a
//! doctor before use"). Any other subsection belongs to its parent: its
//! title becomes a sub-heading there. A boxed warning counts only at the top
//! of the label body: OTC labels code package notices ("tamper-evident
//! seal") as boxed warnings inside other sections.

use super::blocks::TextBuilder;
use super::titles;
use crate::import::label::{Block, Field, Section};

/// LOINC's "SPL unclassified section".
const UNCLASSIFIED: &str = "42229-5";

/// Sections whose untitled-by-code subsections may be other fields.
const CONTAINERS: [Field; 4] = [
    Field::Warnings,
    Field::Precautions,
    Field::WarningsAndCautions,
    Field::UseInSpecificPopulations,
];

#[derive(Debug)]
struct Frame {
    code: Option<String>,
    title: String,
    blocks: Vec<Block>,
    /// Where its section goes among those already read, so that a parent
    /// closed after its subsections still comes before them.
    slot: usize,
    /// The nearest section around it that rxdoc reads, if any.
    within: Option<Field>,
    /// The field it is, settled as its code and title are read (kept, so
    /// that opening a subsection asks nothing of the sections around it).
    field: Option<Field>,
}

impl Frame {
    fn settle(&mut self) {
        self.field = match self.code.as_deref().map(str::trim) {
            Some(code) if !code.is_empty() && code != UNCLASSIFIED => Field::from_loinc(code),
            _ => {
                let named = titles::field_of(&self.title);
                match self.within {
                    None => named,
                    Some(parent) if CONTAINERS.contains(&parent) => {
                        named.filter(|f| *f != parent && *f != Field::BoxedWarning)
                    }
                    Some(_) => None,
                }
            }
        };
    }
}

/// Sections as they open and close, and the `<text>` being read.
#[derive(Debug, Default)]
pub(super) struct Body {
    frames: Vec<Frame>,
    sections: Vec<Section>,
    text: Option<TextBuilder>,
}

impl Body {
    /// `<section>` opens.
    pub fn open_section(&mut self) {
        let within = self.frames.last().and_then(|p| p.field.or(p.within));
        let mut frame = Frame {
            code: None,
            title: String::new(),
            blocks: Vec::new(),
            slot: self.sections.len(),
            within,
            field: None,
        };
        frame.settle();
        self.frames.push(frame);
    }

    /// The open section's `<code code="…">`.
    pub fn set_code(&mut self, code: Option<String>) {
        if let Some(frame) = self.frames.last_mut() {
            frame.code = code;
            frame.settle();
        }
    }

    /// The open section's `<title>` text.
    pub fn set_title(&mut self, title: &str) {
        if let Some(frame) = self.frames.last_mut() {
            frame.title = title.to_string();
            frame.settle();
        }
    }

    /// The open section's `<text>` opens.
    pub fn open_text(&mut self) {
        self.text = Some(TextBuilder::default());
    }

    /// The `<text>` being read, if any.
    pub fn text(&mut self) -> Option<&mut TextBuilder> {
        self.text.as_mut()
    }

    /// The open section's `<text>` closes.
    pub fn close_text(&mut self) {
        let Some(builder) = self.text.take() else {
            return;
        };
        let blocks = builder.finish();
        if let Some(frame) = self.frames.last_mut() {
            frame.blocks.extend(blocks);
        }
    }

    /// `<section>` closes.
    pub fn close_section(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let top = self.frames.is_empty();
        let field = frame.field.filter(|f| top || *f != Field::BoxedWarning);
        let title = titles::printed(&frame.title);
        if frame.blocks.is_empty() {
            return;
        }
        match (field, self.frames.last_mut()) {
            (Some(field), _) => {
                let slot = frame.slot.min(self.sections.len());
                self.sections.insert(
                    slot,
                    Section {
                        field,
                        title,
                        blocks: frame.blocks,
                    },
                );
            }
            (None, Some(parent)) => {
                if !title.is_empty() {
                    parent.blocks.push(Block::Heading(title));
                }
                parent.blocks.extend(frame.blocks);
            }
            // Not a section rxdoc reads (description, package label…).
            (None, None) => {}
        }
    }

    /// Every section read, in document order.
    pub fn finish(mut self) -> Vec<Section> {
        self.close_text();
        while !self.frames.is_empty() {
            self.close_section();
        }
        self.sections
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(body: &mut Body, code: Option<&str>, title: &str, text: &str) {
        body.open_section();
        body.set_code(code.map(str::to_string));
        body.set_title(title);
        if !text.is_empty() {
            body.open_text();
            if let Some(t) = body.text() {
                t.open_paragraph();
                t.text(text);
                t.close_container();
            }
            body.close_text();
        }
    }

    #[test]
    fn unclassified_subsections_stay_with_their_parent_coded_ones_stand_alone() {
        let mut body = Body::default();
        section(&mut body, Some("42232-9"), "PRECAUTIONS", "General care.");
        section(
            &mut body,
            Some(UNCLASSIFIED),
            "Tardive Dyskinesia",
            "May occur.",
        );
        body.close_section();
        section(&mut body, Some("42228-7"), "8.1 Pregnancy", "Avoid.");
        body.close_section();
        body.close_section();
        section(&mut body, Some("34071-1"), "WARNINGS", "");
        section(&mut body, None, "Usage in Pregnancy", "Not established.");
        body.close_section();
        section(&mut body, Some(UNCLASSIFIED), "Warnings", "More.");
        body.close_section();
        body.close_section();
        assert_eq!(
            body.finish(),
            [
                Section {
                    field: Field::Precautions,
                    title: "PRECAUTIONS".into(),
                    blocks: vec![
                        Block::Paragraph("General care.".into()),
                        Block::Heading("Tardive Dyskinesia".into()),
                        Block::Paragraph("May occur.".into()),
                    ],
                },
                Section {
                    field: Field::Pregnancy,
                    title: "Pregnancy".into(),
                    blocks: vec![Block::Paragraph("Avoid.".into())],
                },
                Section {
                    field: Field::Warnings,
                    title: "WARNINGS".into(),
                    blocks: vec![
                        Block::Heading("Warnings".into()),
                        Block::Paragraph("More.".into()),
                    ],
                },
                Section {
                    field: Field::Pregnancy,
                    title: "Usage in Pregnancy".into(),
                    blocks: vec![Block::Paragraph("Not established.".into())],
                },
            ]
        );
    }

    #[test]
    fn titles_classify_only_where_no_code_or_reader_section_does() {
        let mut body = Body::default();
        // Old label: no code, title names the field.
        section(&mut body, None, "INDICATIONS AND USAGE", "For psychosis.");
        body.close_section();
        // A description is not read, nor its unclassified subsections.
        section(&mut body, Some("34089-3"), "DESCRIPTION", "A tablet.");
        section(&mut body, Some(UNCLASSIFIED), "Storage", "Keep dry.");
        body.close_section();
        body.close_section();
        // A boxed warning nested in another section is not the label's.
        section(&mut body, Some(UNCLASSIFIED), "Additional information", "");
        section(&mut body, Some("34066-1"), "", "TAMPER-EVIDENT SEAL.");
        body.close_section();
        body.close_section();
        let got = body.finish();
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].field, Field::IndicationsAndUsage);
        assert_eq!(got[0].blocks, [Block::Paragraph("For psychosis.".into())]);
    }
}
