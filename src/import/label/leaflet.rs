//! A patient leaflet (Medication Guide or Patient Package Insert) read by
//! its question headings: which question covers which pane, and its
//! symptom lists sorted by urgency in the leaflet's own words.

use super::render::{Group, clean, groups, items, paragraphs};
use super::{Block, Field, Label};
use crate::import::text::urgency;
use crate::pane::Tone;

/// What a leaflet question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// "What is the most important information I should know about X?"
    MostImportant,
    /// "What is X?"
    WhatIs,
    /// "Who should not take X?", "What should I tell my doctor before…?"
    BeforeTaking,
    /// "How should I take X?"
    HowToTake,
    /// "What should I avoid while taking X?"
    Avoid,
    /// "What are the possible side effects of X?"
    SideEffects,
    /// "What are the ingredients in X?": not for a monograph.
    Ingredients,
    /// Any other question ("How should I store X?").
    Other,
}

impl Topic {
    /// The topic of a question heading.
    pub fn of(question: &str) -> Topic {
        let q = question.to_lowercase();
        if q.contains("most important information") {
            Topic::MostImportant
        } else if q.contains("side effect") {
            Topic::SideEffects
        } else if q.contains("avoid") {
            Topic::Avoid
        } else if q.contains("ingredient") {
            Topic::Ingredients
        } else if q.contains("before") || q.contains("should not") || q.contains("not take") {
            Topic::BeforeTaking
        } else if q.starts_with("how should i") && !q.contains("store")
            || q.starts_with("how do i")
            || q.contains("how to take")
            || q.contains("how to use")
        {
            Topic::HowToTake
        } else if q.starts_with("what is") {
            Topic::WhatIs
        } else {
            Topic::Other
        }
    }
}

/// A leaflet's questions and answers.
#[derive(Debug, Clone, Default)]
pub struct Leaflet {
    /// Each question with what follows it.
    pub questions: Vec<Group>,
}

impl Leaflet {
    /// The label's Medication Guide, or else its Patient Package Insert.
    pub fn of(label: &Label) -> Leaflet {
        let field = [Field::MedicationGuide, Field::PatientPackageInsert]
            .into_iter()
            .find(|f| label.has(*f));
        let Some(field) = field else {
            return Leaflet::default();
        };
        Leaflet::from_blocks(label.blocks(field))
    }

    /// A leaflet from its blocks (questions are headings ending in "?").
    pub fn from_blocks<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Leaflet {
        let mut questions: Vec<Group> = Vec::new();
        for group in groups(blocks) {
            let is_question = group
                .heading
                .as_deref()
                .is_some_and(|h| h.trim_end().ends_with('?'));
            match questions.last_mut() {
                // Sub-headings inside an answer stay part of it.
                Some(last) if !is_question => {
                    last.blocks.extend(group.heading.map(Block::Heading));
                    last.blocks.extend(group.blocks);
                }
                _ if is_question => questions.push(group),
                _ => {}
            }
        }
        Leaflet { questions }
    }

    /// The answers to questions on this topic.
    pub fn answers(&self, topic: Topic) -> impl Iterator<Item = &Group> {
        self.questions
            .iter()
            .filter(move |q| q.heading.as_deref().map(Topic::of) == Some(topic))
    }

    /// The answers on a topic as paragraphs.
    pub fn paragraphs(&self, topic: Topic) -> Vec<String> {
        self.answers(topic)
            .flat_map(|g| paragraphs(&g.blocks))
            .collect()
    }

    /// The answers on a topic as list items (or paragraphs, without lists).
    pub fn items(&self, topic: Topic) -> Vec<String> {
        self.answers(topic).flat_map(|g| items(&g.blocks)).collect()
    }

    /// Every question worth a FAQ, with its answer as text.
    pub fn faqs(&self) -> Vec<(String, String)> {
        self.questions
            .iter()
            .filter_map(|g| {
                let q = g.heading.as_deref()?;
                let answer = paragraphs(&g.blocks).join("\n\n");
                (Topic::of(q) != Topic::Ingredients && !answer.trim().is_empty())
                    .then(|| (clean(q), answer))
            })
            .collect()
    }

    /// The leaflet's symptom lists, each item with its urgency: from the
    /// sentence before a list ("The most common side effects of X
    /// include:", "Call your doctor right away if…", "Get emergency help…")
    /// or, failing that, from the item's own words.
    pub fn side_effects(&self) -> Vec<(Tone, String)> {
        let mut out = Vec::new();
        for group in self
            .answers(Topic::SideEffects)
            .chain(self.answers(Topic::MostImportant))
        {
            let mut context = Tone::Serious;
            for block in &group.blocks {
                match block {
                    Block::Paragraph(p) | Block::Heading(p) => context = tone_of_lead_in(p),
                    Block::List(list) => {
                        for item in list.iter().map(|i| clean(i)).filter(|i| !i.is_empty()) {
                            let tone = match (context, urgency(&item)) {
                                (Tone::Common, _) => Tone::Common,
                                (_, Tone::Emergency) | (Tone::Emergency, _) => Tone::Emergency,
                                _ => Tone::Serious,
                            };
                            out.push((tone, item));
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether the leaflet has any questions.
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }
}

/// The urgency a lead-in sentence gives the list after it.
fn tone_of_lead_in(text: &str) -> Tone {
    let t = text.to_lowercase();
    if t.contains("most common") || t.contains("common side effects") {
        Tone::Common
    } else if t.contains("emergency") || t.contains("911") {
        Tone::Emergency
    } else {
        Tone::Serious
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaflet() -> Leaflet {
        Leaflet::from_blocks(&[
            Block::Paragraph("Read this Medication Guide.".into()),
            Block::Heading("What is the most important information I should know about X?".into()),
            Block::Paragraph("X can cause serious side effects, including:".into()),
            Block::List(vec!["Serious infections.".into()]),
            Block::Heading("What is X?".into()),
            Block::Paragraph("X is a medicine.".into()),
            Block::Heading("What are the possible side effects of X?".into()),
            Block::Paragraph("Get emergency help right away if you have:".into()),
            Block::List(vec!["swelling of your face".into()]),
            Block::Paragraph("The most common side effects of X include:".into()),
            Block::List(vec!["headache".into(), "rash".into()]),
            Block::Heading("What are the ingredients in X?".into()),
            Block::Paragraph("Water.".into()),
        ])
    }

    #[test]
    fn questions_become_faqs_and_topics() {
        let l = leaflet();
        let faqs = l.faqs();
        assert_eq!(faqs.len(), 3, "{faqs:?}");
        assert_eq!(faqs[1], ("What is X?".into(), "X is a medicine.".into()));
        assert_eq!(l.paragraphs(Topic::WhatIs), ["X is a medicine."]);
    }

    #[test]
    fn symptom_lists_by_urgency() {
        let effects = leaflet().side_effects();
        assert_eq!(
            effects,
            [
                (Tone::Emergency, "swelling of your face".to_string()),
                (Tone::Common, "headache".to_string()),
                (Tone::Common, "rash".to_string()),
                (Tone::Serious, "Serious infections.".to_string()),
            ]
        );
    }
}
