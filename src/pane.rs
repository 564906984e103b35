//! The six panes and their conversion to a [`Document`], the one shape that
//! the terminal view, the plain-text output, the exporters and the search index
//! all read. Keeping that conversion here means a pane's order and headings are
//! the same wherever it appears.

use std::fmt;
use std::str::FromStr;

use crate::model::{Interaction, Monograph};
use crate::text::{Block, blocks};

/// General advice shown when a monograph gives no reporting line of its own.
pub const DEFAULT_REPORTING: &str = "Tell your doctor or pharmacist about any side effect that bothers you or does not go away. In the US you can also report side effects to the FDA at 1-800-FDA-1088.";

/// Title of the Usage section listing related brands: other products that
/// contain this medicine (combinations, related forms), which are not
/// interchangeable with it, and names that mean another medicine elsewhere.
pub const RELATED_TITLE: &str = "Related brands: check which product you have";

/// Said in the Contraception pane of a drug that calls for no
/// contraception and does not say so in words of its own.
pub const NO_CONTRACEPTION_NEEDED: &str = "No specific contraception is needed with this medicine.";

/// Title of the Contraception section listing durations after the last dose.
pub const AFTER_LAST_DOSE_TITLE: &str = "After the last dose";

/// One of the six tabbed panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pane {
    /// What it treats and how it is taken.
    Usage,
    /// Side effects by urgency.
    SideEffects,
    /// Mechanism.
    HowItWorks,
    /// Questions and answers.
    Faqs,
    /// Conditions, tests, interactions, what to avoid.
    BeforeYouTake,
    /// Pregnancy, contraception, breastfeeding, fertility.
    Contraception,
}

impl Pane {
    /// All panes in tab order.
    pub const ALL: [Pane; 6] = [
        Pane::Usage,
        Pane::SideEffects,
        Pane::HowItWorks,
        Pane::Faqs,
        Pane::BeforeYouTake,
        Pane::Contraception,
    ];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Usage => "Usage",
            Pane::SideEffects => "Side Effects",
            Pane::HowItWorks => "How it Works",
            Pane::Faqs => "FAQs",
            Pane::BeforeYouTake => "Before You Take",
            Pane::Contraception => "Contraception",
        }
    }

    /// Command-line name, e.g. `side-effects`.
    pub fn slug(self) -> &'static str {
        match self {
            Pane::Usage => "usage",
            Pane::SideEffects => "side-effects",
            Pane::HowItWorks => "how-it-works",
            Pane::Faqs => "faqs",
            Pane::BeforeYouTake => "before-you-take",
            Pane::Contraception => "contraception",
        }
    }

    /// Position in tab order (0-based).
    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

impl fmt::Display for Pane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl FromStr for Pane {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Pane::ALL
            .into_iter()
            .find(|p| p.slug() == wanted || (wanted == "faq" && *p == Pane::Faqs))
            .ok_or_else(|| {
                let names: Vec<_> = Pane::ALL.iter().map(|p| p.slug()).collect();
                format!(
                    "unknown section `{s}`; expected one of: {}",
                    names.join(", ")
                )
            })
    }
}

/// How a section should stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Ordinary text.
    Plain,
    /// Get emergency help now.
    Emergency,
    /// Call your doctor.
    Serious,
    /// Common, usually mild.
    Common,
    /// A question (FAQs).
    Question,
}

/// A titled run of blocks within a pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading, if any.
    pub title: Option<String>,
    /// Emphasis hint for renderers.
    pub tone: Tone,
    /// Content.
    pub blocks: Vec<Block>,
}

/// A pane's content as sections of prose, ready to render or index.
pub type Document = Vec<Section>;

fn section(title: &str, tone: Tone, text: &str) -> Option<Section> {
    let blocks = blocks(text);
    (!blocks.is_empty()).then(|| Section {
        title: Some(title.to_string()),
        tone,
        blocks,
    })
}

fn list_section(title: &str, tone: Tone, items: &[String]) -> Option<Section> {
    let items: Vec<String> = items
        .iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect();
    (!items.is_empty()).then(|| Section {
        title: Some(title.to_string()),
        tone,
        blocks: vec![Block::Bullets(items)],
    })
}

/// Builds the document for one pane of a monograph.
pub fn document(m: &Monograph, pane: Pane) -> Document {
    let sections = match pane {
        Pane::Usage => usage(m),
        Pane::SideEffects => side_effects(m),
        Pane::HowItWorks => vec![section("How it works", Tone::Plain, &m.how_it_works.text)],
        Pane::Faqs => m
            .faqs
            .iter()
            .map(|f| section(&f.question, Tone::Question, &f.answer))
            .collect(),
        Pane::BeforeYouTake => before_you_take(m),
        Pane::Contraception => contraception(m),
    };
    sections.into_iter().flatten().collect()
}

fn usage(m: &Monograph) -> Vec<Option<Section>> {
    let related: Vec<String> = m
        .related_brands
        .iter()
        .map(|b| format!("{}: {}", b.name.trim(), b.note.trim()))
        .collect();
    let u = &m.usage;
    let indications: Vec<String> = u
        .indications
        .iter()
        .map(|i| match i.detail.trim() {
            "" => i.condition.trim().to_string(),
            detail => format!("{}: {detail}", i.condition.trim()),
        })
        .collect();
    vec![
        section("Overview", Tone::Plain, &u.summary),
        list_section("What it treats", Tone::Plain, &indications),
        section("Who it is for", Tone::Plain, &u.who_for),
        section("How it is given or taken", Tone::Plain, &u.how_to_take),
        section("Monitoring", Tone::Plain, &u.monitoring),
        list_section(RELATED_TITLE, Tone::Serious, &related),
    ]
}

fn side_effects(m: &Monograph) -> Vec<Option<Section>> {
    let s = &m.side_effects;
    let reporting = if s.reporting.trim().is_empty() {
        DEFAULT_REPORTING
    } else {
        &s.reporting
    };
    vec![
        list_section("Get emergency help now", Tone::Emergency, &s.emergency),
        list_section("Call your doctor", Tone::Serious, &s.serious),
        list_section("Common side effects", Tone::Common, &s.common),
        section(
            "Infusion or injection reactions",
            Tone::Serious,
            &s.infusion_reactions,
        ),
        section("Good to know", Tone::Plain, &s.notes),
        section("Reporting side effects", Tone::Plain, reporting),
    ]
}

fn before_you_take(m: &Monograph) -> Vec<Option<Section>> {
    let b = &m.before_you_take;
    let interactions: Vec<String> = b.interactions.iter().map(Interaction::line).collect();
    vec![
        list_section("Tell your doctor if you have", Tone::Plain, &b.conditions),
        list_section("Tests before starting", Tone::Plain, &b.tests),
        list_section(
            "Medicines and products that interact",
            Tone::Plain,
            &interactions,
        ),
        list_section("What to avoid", Tone::Plain, &b.avoid),
        section("Also", Tone::Plain, &b.notes),
    ]
}

fn contraception(m: &Monograph) -> Vec<Option<Section>> {
    let c = &m.contraception;
    if !c.needed {
        return no_contraception_needed(m);
    }
    let durations: Vec<String> = c
        .after_last_dose
        .iter()
        .map(|d| format!("{}: {} after the last dose", d.label.trim(), d.duration))
        .collect();
    vec![
        section("In short", Tone::Plain, &c.summary),
        section("Pregnancy test", Tone::Plain, &c.pregnancy_test),
        section("Pregnancy", Tone::Plain, &c.pregnancy),
        section("Women", Tone::Plain, &c.women),
        section("Men", Tone::Plain, &c.men),
        list_section(AFTER_LAST_DOSE_TITLE, Tone::Serious, &durations),
        section("Breastfeeding", Tone::Plain, &c.breastfeeding),
        section("Fertility", Tone::Plain, &c.fertility),
    ]
}

/// A drug that calls for no contraception: what a reader came for first
/// (pregnancy and breastfeeding), then, once, that none is needed.
fn no_contraception_needed(m: &Monograph) -> Vec<Option<Section>> {
    let c = &m.contraception;
    let summary = if c.summary.trim().is_empty() {
        NO_CONTRACEPTION_NEEDED
    } else {
        &c.summary
    };
    vec![
        section("Pregnancy", Tone::Plain, &c.pregnancy),
        section("Breastfeeding", Tone::Plain, &c.breastfeeding),
        section("Pregnancy test", Tone::Plain, &c.pregnancy_test),
        section("Women", Tone::Plain, &c.women),
        section("Men", Tone::Plain, &c.men),
        section("Fertility", Tone::Plain, &c.fertility),
        section("Contraception", Tone::Plain, summary),
    ]
}

/// The header facts shown above the panes, as label and value.
pub fn identity(m: &Monograph) -> Vec<(&'static str, String)> {
    let brands = if m.brands.is_empty() {
        m.brands_note.clone().unwrap_or_default()
    } else {
        m.brands.join(", ")
    };
    let mut facts = vec![
        ("Pronunciation", m.pronunciation.clone()),
        ("Brands", brands),
        ("Class", m.drug_class.clone()),
        ("Dosage forms", m.dosage_forms.join("; ")),
        ("Route", m.route.clone()),
        ("Reviewed", m.review_status()),
        ("Labelling", m.jurisdiction.clone().unwrap_or_default()),
        (
            "Source",
            m.provenance
                .as_ref()
                .map(crate::model::Provenance::summary)
                .unwrap_or_default(),
        ),
    ];
    facts.retain(|(_, v)| !v.trim().is_empty());
    facts
}

/// A pane's text as one string (sections and blocks joined by newlines).
pub fn plain_text(m: &Monograph, pane: Pane) -> String {
    let mut out = String::new();
    for section in document(m, pane) {
        if let Some(title) = &section.title {
            out.push_str(title);
            out.push('\n');
        }
        for piece in section.blocks.iter().flat_map(Block::pieces) {
            out.push_str(piece);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pane_names_round_trip() {
        for pane in Pane::ALL {
            assert_eq!(pane.slug().parse::<Pane>(), Ok(pane));
            assert_eq!(Pane::ALL[pane.index()], pane);
        }
        assert_eq!("Side_Effects".parse::<Pane>(), Ok(Pane::SideEffects));
        assert!(
            "dosage"
                .parse::<Pane>()
                .unwrap_err()
                .contains("side-effects")
        );
    }

    #[test]
    fn no_contraception_needed_leads_with_pregnancy_and_says_so_once() {
        let text = include_str!("../tests/fixtures/good/testamol.toml");
        let m = crate::load::parse_monograph("testamol.toml", text.as_bytes()).unwrap();
        assert!(!m.contraception.needed);
        let titles: Vec<String> = document(&m, Pane::Contraception)
            .into_iter()
            .filter_map(|s| s.title)
            .collect();
        assert_eq!(titles, ["Pregnancy", "Breastfeeding", "Contraception"]);
        let text = plain_text(&m, Pane::Contraception);
        assert_eq!(
            text.matches("No specific contraception").count(),
            1,
            "{text}"
        );
    }
}
