//! What is indexed: a monograph cut into passages (paragraphs, bullets,
//! headings, and the lines that name the drug), each with what ranking
//! needs to know about it without reading its text.

use crate::model::Monograph;
use crate::narrow::to_u32;
use crate::pane::{Pane, Tone, document};
use crate::text::Block;

/// What part a passage plays in its monograph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PassageKind {
    /// The drug's name, one of its brands or aliases: what a query naming
    /// the drug is recognised by.
    Name,
    /// Class, dosage form, route or boxed warning.
    Detail,
    /// A section's title ("Medicines and products that interact").
    Heading,
    /// A paragraph or bullet.
    Text,
}

impl PassageKind {
    const ALL: [PassageKind; 4] = [Self::Name, Self::Detail, Self::Heading, Self::Text];

    /// The byte a cache file stores.
    pub(super) fn code(self) -> u8 {
        self as u8
    }

    /// The kind stored as `code`, if it is one.
    pub(super) fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code)).copied()
    }
}

/// How urgent a side effect is, by the group the monograph lists it in;
/// ranks otherwise equal results, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Urgency {
    /// Not a side effect, or not in a graded group.
    #[default]
    None,
    /// Common, usually mild.
    Common,
    /// Call your doctor.
    CallDoctor,
    /// Get emergency help now; and the boxed warning.
    Emergency,
}

impl Urgency {
    const ALL: [Urgency; 4] = [Self::None, Self::Common, Self::CallDoctor, Self::Emergency];

    /// What a reader is told to do, for a graded side effect: the words
    /// shown beside a result, so "vomiting blood" does not read like
    /// "nausea".
    pub fn label(self) -> Option<&'static str> {
        match self {
            Self::None => None,
            Self::Common => Some("common"),
            Self::CallDoctor => Some("call your doctor"),
            Self::Emergency => Some("get emergency help"),
        }
    }

    /// The urgency of a section of `pane` in `tone`.
    fn of(pane: Pane, tone: Tone) -> Self {
        match (pane, tone) {
            (Pane::SideEffects, Tone::Emergency) => Self::Emergency,
            (Pane::SideEffects, Tone::Serious) => Self::CallDoctor,
            (Pane::SideEffects, Tone::Common) => Self::Common,
            _ => Self::None,
        }
    }

    /// The byte a cache file stores.
    pub(super) fn code(self) -> u8 {
        self as u8
    }

    /// The urgency stored as `code`, if it is one.
    pub(super) fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code)).copied()
    }
}

/// A paragraph, bullet, heading or name line of one pane of one drug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Passage {
    pub drug: u32,
    pub pane: Pane,
    /// Index of the section in the pane's document (the FAQ number, for FAQs).
    pub section: Option<u32>,
    pub kind: PassageKind,
    pub urgency: Urgency,
    /// Indexed words, at most `u16::MAX`: shorter passages say less else.
    pub words: u16,
    /// Where this passage's entries in the index's marks begin.
    pub first_mark: u32,
}

/// One passage before indexing: where it stands, what it is, its text.
pub(super) struct Piece {
    pub pane: Pane,
    pub section: Option<u32>,
    pub kind: PassageKind,
    pub urgency: Urgency,
    pub text: String,
}

/// The passages of a monograph. Each pane's passages come together, so
/// search can take the best of each pane (or drug) in one pass: under
/// Usage, the name, brands and aliases first, then class, forms and route;
/// the boxed warning first under Side Effects.
pub(super) fn pieces(m: &Monograph) -> Vec<Piece> {
    let mut out = Vec::new();
    for pane in Pane::ALL {
        let mut add = |section, kind, urgency, text: &str| {
            out.push(Piece {
                pane,
                section,
                kind,
                urgency,
                text: text.to_string(),
            });
        };
        match pane {
            Pane::Usage => {
                let names = std::iter::once(&m.name).chain(&m.brands).chain(&m.aliases);
                names.for_each(|t| add(None, PassageKind::Name, Urgency::None, t));
                let details = std::iter::once(&m.drug_class)
                    .chain(&m.dosage_forms)
                    .chain(std::iter::once(&m.route));
                details.for_each(|t| add(None, PassageKind::Detail, Urgency::None, t));
            }
            Pane::SideEffects => m
                .boxed_warning
                .iter()
                .for_each(|w| add(None, PassageKind::Detail, Urgency::Emergency, w)),
            _ => {}
        }
        for (s, section) in document(m, pane).into_iter().enumerate() {
            let s = Some(to_u32(s));
            let urgency = Urgency::of(pane, section.tone);
            if let Some(title) = &section.title {
                add(s, PassageKind::Heading, urgency, title);
            }
            for block in &section.blocks {
                for piece in Block::pieces(block).iter() {
                    add(s, PassageKind::Text, urgency, piece);
                }
            }
        }
    }
    out
}
