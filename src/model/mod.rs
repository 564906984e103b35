//! Monograph types: the shape of one drug's TOML file.
//!
//! Every struct rejects unknown keys so that a typo in a data file is reported
//! instead of silently dropping the content. Emptiness is checked separately in
//! [`crate::validate`], which can point at the offending line.

use serde::{Deserialize, Serialize};

use crate::date::ReviewedDate;

mod interaction;
mod named;

pub use interaction::{Action, Interaction, InteractionEntry};
pub use named::Named;

/// One drug's patient-education monograph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monograph {
    /// Stable slug, e.g. `inotuzumab-ozogamicin`; unique across the library.
    pub id: String,
    /// Generic name as a patient would read it.
    pub name: String,
    /// Syllable guide, e.g. `IN-oh-TOOZ-ue-mab`.
    #[serde(default)]
    pub pronunciation: String,
    /// Brand names.
    #[serde(default)]
    pub brands: Vec<String>,
    /// Why `brands` is empty (e.g. sold only as a generic); required when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brands_note: Option<String>,
    /// Brand names of other products that contain this drug (combinations,
    /// a related salt or prodrug): they still find this monograph by name,
    /// but are shown marked, since they are not interchangeable with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_brands: Vec<RelatedBrand>,
    /// Other spellings users type, including common misspellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Drug class in plain words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub drug_class: String,
    /// Ids of the classes it belongs to, from the class table
    /// (`classes.toml`); what the interaction check matches class names by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// Dosage forms with strengths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dosage_forms: Vec<String>,
    /// How it enters the body (by mouth, intravenous infusion, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub route: String,
    /// The most serious warning, shown prominently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boxed_warning: Option<String>,
    /// When a person last reviewed the content. Required unless the
    /// monograph carries import [`Provenance`]; an import never sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<ReviewedDate>,
    /// Where an imported monograph came from; absent from hand-written ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Whose labelling the content follows, e.g. `US` or `UK`. Required in
    /// the bundled library, optional in a user's files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// Public references the facts come from, by name.
    pub sources: Vec<String>,
    /// What it treats and how it is taken.
    pub usage: Usage,
    /// Side effects grouped by urgency.
    pub side_effects: SideEffects,
    /// Mechanism in plain language.
    pub how_it_works: HowItWorks,
    /// Questions patients ask.
    pub faqs: Vec<Faq>,
    /// What to tell the doctor and what to avoid.
    pub before_you_take: BeforeYouTake,
    /// Pregnancy, contraception, breastfeeding and fertility.
    pub contraception: Contraception,
}

/// The mark an imported monograph carries until a person reviews it.
pub const UNREVIEWED: &str = "imported, not reviewed";

impl Monograph {
    /// Imported and not yet reviewed by a person: shown marked, and never
    /// silently in place of a reviewed monograph.
    pub fn is_unreviewed_import(&self) -> bool {
        self.provenance.is_some() && self.reviewed.is_none()
    }

    /// The review date, or [`UNREVIEWED`].
    pub fn review_status(&self) -> String {
        match self.reviewed {
            Some(date) => date.to_string(),
            None => UNREVIEWED.to_string(),
        }
    }
}

/// Where an imported monograph's text came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The file (as given to the importer) or URL it was read from.
    pub source: String,
    /// What kind of document that was.
    pub kind: SourceKind,
    /// When it was imported (not reviewed).
    pub imported: ReviewedDate,
    /// The label's own effective date, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_date: Option<ReviewedDate>,
    /// The label's set id, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_id: Option<String>,
    /// The label's version, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The source says its text was written by AI.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ai_generated: bool,
    /// The source says its text was written by the public.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub crowd_sourced: bool,
    /// SHA-256 (hex) of the file as the importer wrote it, this line left
    /// out: a later import replaces the file only while it still matches,
    /// so a person's edits are never overwritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    /// Every FDA label merged into this monograph (the newest, whose text
    /// it has, first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<LabelSource>,
}

/// One FDA label merged into an imported monograph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelSource {
    /// The label's set id (stable across its versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_id: Option<String>,
    /// The label's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The label's effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_date: Option<ReviewedDate>,
    /// Who put the label out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labeller: Option<String>,
    /// Prescription or over the counter, where the label says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<LabelType>,
    /// The label's brand names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brands: Vec<String>,
}

/// Whether a label is for a prescription or an over-the-counter product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelType {
    /// Sold on prescription.
    Prescription,
    /// Sold over the counter.
    Otc,
}

impl Provenance {
    /// One line for people: "web page ./a/x.md, AI-generated, imported 2026-11-29".
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} {}", self.kind.describe(), self.source)];
        if let Some(id) = &self.set_id {
            parts.push(format!("set id {id}"));
        }
        if let Some(v) = &self.version {
            parts.push(format!("version {v}"));
        }
        if let Some(d) = self.label_date {
            parts.push(format!("label dated {d}"));
        }
        if self.ai_generated {
            parts.push("says it is AI-generated".into());
        }
        if self.crowd_sourced {
            parts.push("says it is crowd-sourced".into());
        }
        parts.push(format!("imported {}", self.imported));
        parts.join(", ")
    }
}

/// The kinds of document the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A Markdown drug page (such as a web site's).
    WebPage,
    /// A plain-text patient guide.
    PatientGuide,
    /// An FDA drug label in openFDA's JSON.
    OpenfdaLabel,
    /// An FDA drug label in DailyMed's SPL XML.
    DailymedSpl,
}

impl SourceKind {
    /// In words.
    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::WebPage => "web page",
            SourceKind::PatientGuide => "patient guide",
            SourceKind::OpenfdaLabel => "FDA label (openFDA)",
            SourceKind::DailymedSpl => "FDA label (DailyMed SPL)",
        }
    }
}

/// The Usage pane.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// One-paragraph overview.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The conditions it treats.
    pub indications: Vec<Indication>,
    /// Who it is meant for (and not meant for).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub who_for: String,
    /// How it is taken: regularly, as needed, as a course, or given by a
    /// professional. The content review uses it to ask for a missed-dose FAQ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken: Option<Taken>,
    /// Route, schedule, cycles, practical tips.
    pub how_to_take: String,
    /// Check-ups and tests during treatment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub monitoring: String,
}

/// How a medicine is taken, which decides whether a missed dose is a
/// question patients will have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Taken {
    /// Every day or on a fixed schedule, for as long as prescribed.
    Regularly,
    /// Only when needed (pain, symptoms).
    AsNeeded,
    /// A course with an end (an antibiotic, a steroid taper).
    Course,
    /// Given by a nurse or doctor (infusions, clinic injections).
    ByProfessional,
}

impl Taken {
    /// Whether the patient keeps to a schedule of their own, so that a
    /// dose can be missed.
    pub fn on_a_schedule(self) -> bool {
        matches!(self, Taken::Regularly | Taken::Course)
    }
}

/// A brand of another product containing this drug.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedBrand {
    /// The brand name, e.g. `Hyzaar`.
    pub name: String,
    /// What the product is, e.g. "losartan with hydrochlorothiazide".
    pub note: String,
}

/// One condition a drug treats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indication {
    /// The condition, e.g. "High blood pressure".
    pub condition: String,
    /// Extra detail (which patients, in combination with what).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// The Side Effects pane, ranked by urgency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideEffects {
    /// Get emergency help now.
    pub emergency: Vec<String>,
    /// Call your doctor.
    pub serious: Vec<String>,
    /// Common, usually mild.
    pub common: Vec<String>,
    /// Reactions during or soon after an infusion or injection.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub infusion_reactions: String,
    /// Anything else worth knowing (treatment may be paused, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How to report side effects; a general line is shown when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reporting: String,
}

/// The How it Works pane.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HowItWorks {
    /// Mechanism in plain language.
    pub text: String,
}

/// One question and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    /// The question as a patient would ask it.
    pub question: String,
    /// A plain-language answer.
    pub answer: String,
}

/// The Before You Take pane.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeforeYouTake {
    /// Conditions to tell the doctor about.
    pub conditions: Vec<String>,
    /// Tests before starting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<String>,
    /// Medicines and products that interact: sentences, or structured
    /// entries naming what with, what happens and what to do.
    pub interactions: Vec<Interaction>,
    /// Foods, drinks and activities to avoid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
    /// Anything else.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// The Contraception pane.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contraception {
    /// Whether the drug calls for specific contraception.
    pub needed: bool,
    /// The overall statement; when `needed` is false it says so explicitly.
    pub summary: String,
    /// Pregnancy testing before or during treatment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pregnancy_test: String,
    /// Risk in pregnancy and what to do if pregnancy happens.
    pub pregnancy: String,
    /// Advice for women who could become pregnant.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub women: String,
    /// Advice for men with a partner who could become pregnant.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub men: String,
    /// Breastfeeding advice.
    pub breastfeeding: String,
    /// Effects on fertility.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fertility: String,
    /// Durations after the last dose, drawn as a chart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after_last_dose: Vec<AfterLastDose>,
}

/// A precaution that continues for some time after the last dose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterLastDose {
    /// Who and what, e.g. "Women: keep using birth control".
    pub label: String,
    /// How long, e.g. "8 months", "6 weeks", "7 days".
    pub duration: crate::date::Span,
}

impl Monograph {
    /// Every name a user might type for this drug: generic name, brands, aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.brands.iter().map(String::as_str))
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The related products' brand names (see [`RelatedBrand`]).
    pub fn related_names(&self) -> impl Iterator<Item = &str> {
        self.related_brands.iter().map(|b| b.name.as_str())
    }
}

impl Monograph {
    /// Calls `f` on every piece of text in the monograph, in file order.
    /// Used to sanitise untrusted text in one place.
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut String)) {
        let lists = |v: &mut Vec<String>, f: &mut dyn FnMut(&mut String)| v.iter_mut().for_each(f);
        for s in [&mut self.id, &mut self.name, &mut self.pronunciation] {
            f(s);
        }
        lists(&mut self.brands, &mut f);
        self.brands_note.iter_mut().for_each(&mut f);
        for b in &mut self.related_brands {
            f(&mut b.name);
            f(&mut b.note);
        }
        lists(&mut self.aliases, &mut f);
        f(&mut self.drug_class);
        lists(&mut self.classes, &mut f);
        lists(&mut self.dosage_forms, &mut f);
        f(&mut self.route);
        self.boxed_warning.iter_mut().for_each(&mut f);
        self.jurisdiction.iter_mut().for_each(&mut f);
        lists(&mut self.sources, &mut f);

        let u = &mut self.usage;
        f(&mut u.summary);
        for i in &mut u.indications {
            f(&mut i.condition);
            f(&mut i.detail);
        }
        for s in [&mut u.who_for, &mut u.how_to_take, &mut u.monitoring] {
            f(s);
        }

        let s = &mut self.side_effects;
        for v in [&mut s.emergency, &mut s.serious, &mut s.common] {
            lists(v, &mut f);
        }
        for t in [&mut s.infusion_reactions, &mut s.notes, &mut s.reporting] {
            f(t);
        }

        f(&mut self.how_it_works.text);
        for faq in &mut self.faqs {
            f(&mut faq.question);
            f(&mut faq.answer);
        }

        let b = &mut self.before_you_take;
        for v in [&mut b.conditions, &mut b.tests, &mut b.avoid] {
            lists(v, &mut f);
        }
        for entry in &mut b.interactions {
            entry.for_each_text_mut(&mut f);
        }
        f(&mut b.notes);

        let c = &mut self.contraception;
        for t in [
            &mut c.summary,
            &mut c.pregnancy_test,
            &mut c.pregnancy,
            &mut c.women,
            &mut c.men,
            &mut c.breastfeeding,
            &mut c.fertility,
        ] {
            f(t);
        }
        for d in &mut c.after_last_dose {
            f(&mut d.label);
        }
    }
}
