//! What an importer has gathered so far, and how it becomes a monograph that
//! passes `rxdoc check`. Anything the source did not cover is filled with a
//! plain statement saying so, never with invented facts.

use crate::date::{ReviewedDate, Span};
use crate::import::text::{duration_in, is_breastfeeding, is_reproductive, sentences, urgency};
use crate::model::{
    AfterLastDose, BeforeYouTake, Contraception, Faq, HowItWorks, Indication, Interaction,
    Monograph, Provenance, SideEffects, SourceKind, Usage,
};
use crate::pane::Tone;

/// Said wherever the imported document had nothing for a required field.
pub const NOT_IN_SOURCE: &str =
    "The imported document did not cover this. Ask your doctor or pharmacist.";

/// Pieces of a monograph gathered from a source document.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    /// Generic name.
    pub name: String,
    /// Syllable guide.
    pub pronunciation: String,
    /// Brand names.
    pub brands: Vec<String>,
    /// Other spellings (such as a page title that differs from the generic name).
    pub aliases: Vec<String>,
    /// Class.
    pub drug_class: String,
    /// Forms and strengths.
    pub dosage_forms: Vec<String>,
    /// Route.
    pub route: String,
    /// Boxed warning.
    pub boxed_warning: String,
    /// The label's own date, if the source has one (never a review date).
    pub label_date: Option<ReviewedDate>,
    /// The label's set id, if it has one.
    pub set_id: Option<String>,
    /// The label's version, if it has one.
    pub version: Option<String>,
    /// What kind of document the source is.
    pub kind: Option<SourceKind>,
    /// The source says it was written by AI.
    pub ai_generated: bool,
    /// The source says it was written by the public.
    pub crowd_sourced: bool,
    /// Where it came from.
    pub sources: Vec<String>,
    /// Usage overview paragraphs.
    pub summary: Vec<String>,
    /// Indications as (condition, detail).
    pub indications: Vec<(String, String)>,
    /// How it is taken.
    pub how_to_take: Vec<String>,
    /// Monitoring.
    pub monitoring: Vec<String>,
    /// Side effects by urgency.
    pub emergency: Vec<String>,
    /// Call your doctor.
    pub serious: Vec<String>,
    /// Common.
    pub common: Vec<String>,
    /// Infusion reactions.
    pub infusion: Vec<String>,
    /// Other side-effect notes.
    pub side_effect_notes: Vec<String>,
    /// Reporting line.
    pub reporting: Vec<String>,
    /// Mechanism.
    pub how_it_works: Vec<String>,
    /// Questions and answers.
    pub faqs: Vec<(String, String)>,
    /// Conditions to mention.
    pub conditions: Vec<String>,
    /// Tests before starting.
    pub tests: Vec<String>,
    /// Interactions.
    pub interactions: Vec<String>,
    /// What to avoid.
    pub avoid: Vec<String>,
    /// Other precautions.
    pub precaution_notes: Vec<String>,
    /// Pregnancy, contraception and breastfeeding sentences.
    pub reproductive: Vec<String>,
    /// Sections the importer could not place, as (heading, text); kept under
    /// a labelled note and counted in the import summary.
    pub unmapped: Vec<(String, String)>,
}

impl Draft {
    /// Files a side effect under its urgency, judged from its wording.
    pub fn side_effect(&mut self, item: &str) {
        let item = item.trim().trim_end_matches(';').to_string();
        if item.is_empty() {
            return;
        }
        match urgency(&item) {
            Tone::Emergency => self.emergency.push(item),
            Tone::Serious => self.serious.push(item),
            _ => self.common.push(item),
        }
    }

    /// Copies pregnancy, contraception and breastfeeding sentences of `text`
    /// to the Contraception pane (they stay where they were too).
    pub fn collect_reproductive(&mut self, text: &str) {
        for s in sentences(text) {
            if is_reproductive(&s) && !self.reproductive.contains(&s) {
                self.reproductive.push(s);
            }
        }
    }

    /// Builds the monograph. `origin` names the imported file for its
    /// provenance; `today` is the import date. It has no `reviewed` date:
    /// no person has reviewed it yet.
    pub fn finish(mut self, origin: &str, today: ReviewedDate) -> Monograph {
        let name = self.name.trim().to_string();
        for (heading, text) in std::mem::take(&mut self.unmapped) {
            self.precaution_notes
                .push(format!("From the imported section “{heading}”: {text}"));
        }
        self.sources.push(format!("Imported from {origin}"));
        let provenance = Provenance {
            source: origin.to_string(),
            kind: self.kind.unwrap_or(SourceKind::WebPage),
            imported: today,
            label_date: self.label_date,
            set_id: self.set_id.take(),
            version: self.version.take(),
            ai_generated: self.ai_generated,
            crowd_sourced: self.crowd_sourced,
            content_hash: None,
            labels: Vec::new(),
        };
        let contraception = self.contraception();
        Monograph {
            id: crate::slug::slug(&name),
            pronunciation: self.pronunciation,
            brands_note: self
                .brands
                .is_empty()
                .then(|| "No brand names were given in the imported document.".into()),
            brands: dedup(self.brands),
            related_brands: Vec::new(),
            aliases: dedup(
                self.aliases
                    .into_iter()
                    .filter(|a| !a.eq_ignore_ascii_case(&name))
                    .collect(),
            ),
            // Identity facts the source did not give stay missing.
            drug_class: self.drug_class.trim().to_string(),
            classes: Vec::new(),
            dosage_forms: dedup(self.dosage_forms),
            route: self.route.trim().to_string(),
            boxed_warning: Some(self.boxed_warning).filter(|w| !w.trim().is_empty()),
            reviewed: None,
            provenance: Some(provenance),
            jurisdiction: None,
            sources: self.sources,
            usage: Usage {
                summary: self.summary.join("\n\n"),
                indications: if self.indications.is_empty() {
                    vec![Indication {
                        condition: NOT_IN_SOURCE.into(),
                        detail: String::new(),
                    }]
                } else {
                    self.indications
                        .into_iter()
                        .map(|(condition, detail)| Indication { condition, detail })
                        .collect()
                },
                who_for: String::new(),
                taken: None,
                how_to_take: or_missing(self.how_to_take.join("\n\n")),
                monitoring: self.monitoring.join("\n\n"),
            },
            side_effects: SideEffects {
                emergency: non_empty(self.emergency),
                serious: non_empty(self.serious),
                common: non_empty(self.common),
                infusion_reactions: self.infusion.join("\n\n"),
                notes: self.side_effect_notes.join("\n\n"),
                reporting: self.reporting.join(" "),
            },
            how_it_works: HowItWorks {
                text: or_missing(self.how_it_works.join("\n\n")),
            },
            faqs: if self.faqs.is_empty() {
                vec![Faq {
                    question: format!("Where can I learn more about {name}?"),
                    answer: NOT_IN_SOURCE.into(),
                }]
            } else {
                // A leaflet and its instructions for use often ask the same
                // question ("How should I store …?"): the first answer stays.
                let mut asked: Vec<String> = Vec::new();
                self.faqs
                    .into_iter()
                    .filter(|(question, _)| {
                        let key = question.trim().to_lowercase();
                        let new = !asked.contains(&key);
                        asked.push(key);
                        new
                    })
                    .map(|(question, answer)| Faq {
                        question,
                        answer: or_missing(answer),
                    })
                    .collect()
            },
            before_you_take: BeforeYouTake {
                conditions: non_empty(self.conditions),
                tests: self.tests,
                interactions: non_empty(self.interactions)
                    .into_iter()
                    .map(Interaction::Text)
                    .collect(),
                avoid: self.avoid,
                notes: self.precaution_notes.join("\n\n"),
            },
            contraception,
            name,
        }
    }

    fn contraception(&self) -> Contraception {
        // A sentence about pregnancy and breastfeeding ("if you are
        // pregnant, or nursing a baby, …") belongs under both.
        let breastfeeding: Vec<&String> = self
            .reproductive
            .iter()
            .filter(|s| is_breastfeeding(s))
            .collect();
        let other: Vec<&String> = self
            .reproductive
            .iter()
            .filter(|s| !is_breastfeeding(s) || s.to_lowercase().contains("pregnan"))
            .collect();
        let needed = other.iter().any(|s| {
            let s = s.to_lowercase();
            s.contains("contracept") || s.contains("birth control") || s.contains("condom")
        });
        let mut after_last_dose = Vec::new();
        for s in &self.reproductive {
            let lower = s.to_lowercase();
            if !(lower.contains("after") || lower.contains("following")) {
                continue;
            }
            let Some(duration) = duration_in(s) else {
                continue;
            };
            let label = if is_breastfeeding(s) {
                "No breastfeeding"
            } else if lower.contains("men ") && !lower.contains("women") || lower.starts_with("men")
            {
                "Men: contraception"
            } else {
                "Women: contraception"
            };
            push_duration(&mut after_last_dose, label, duration);
        }
        let join = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
        let pregnancy = join(&other);
        Contraception {
            needed: needed || !after_last_dose.is_empty(),
            summary: if needed || !after_last_dose.is_empty() {
                "The imported document calls for contraception; see the details below.".into()
            } else {
                "No specific contraception guidance was given in the imported document.".into()
            },
            pregnancy_test: String::new(),
            pregnancy: or_missing(pregnancy),
            women: String::new(),
            men: String::new(),
            breastfeeding: or_missing(join(&breastfeeding)),
            fertility: String::new(),
            after_last_dose,
        }
    }
}

fn push_duration(list: &mut Vec<AfterLastDose>, label: &str, duration: Span) {
    if !list.iter().any(|d| d.label == label) {
        list.push(AfterLastDose {
            label: label.into(),
            duration,
        });
    }
}

fn or_missing(text: String) -> String {
    if text.trim().is_empty() {
        NOT_IN_SOURCE.into()
    } else {
        text
    }
}

fn non_empty(items: Vec<String>) -> Vec<String> {
    let items = dedup(items);
    if items.is_empty() {
        vec![NOT_IN_SOURCE.into()]
    } else {
        items
    }
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
    {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&item)) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_on_pregnancy_and_nursing_is_under_both() {
        let mut d = Draft::default();
        d.collect_reproductive(
            "As with any drug, if you are pregnant, or nursing a baby, seek professional advice.",
        );
        let c = d.contraception();
        assert!(c.pregnancy.starts_with("As with any drug"), "{c:?}");
        assert!(c.breastfeeding.starts_with("As with any drug"), "{c:?}");
    }
}
