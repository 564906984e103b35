//! One monograph per drug. Labels with the same set of active ingredients
//! and the same routes are one drug, prescription and OTC alike; the newest
//! label (by effective date, then version) gives the text, and every
//! label's brands, labeller, set id, version and type are kept. The rule is
//! written out in docs/FORMAT.md ("Bulk imports: one monograph per drug").
//!
//! Only what identifies a label is kept per label while the inputs are
//! read, so memory grows with the number of labels (a few hundred bytes
//! each), never with their text.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Location;
use crate::date::ReviewedDate;
use crate::import::label::{self, Label, ProductType, brand_case, label_date};
use crate::import::{Rejection, finish_checked};
use crate::model::{LabelSource, LabelType, Monograph};
use crate::sanitize::sanitize;

/// Most dosage forms gathered for one drug.
const MAX_FORMS: usize = 100;

/// What makes labels one drug: the sorted set of active ingredients and the
/// sorted set of routes, each upper-cased with its spaces collapsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DrugKey {
    /// Active ingredients: the generic names, split at commas and "and".
    pub ingredients: Vec<String>,
    /// Routes of administration.
    pub routes: Vec<String>,
}

impl DrugKey {
    /// The key of a label.
    pub fn of(label: &Label) -> DrugKey {
        let ingredients = label
            .generic_names
            .iter()
            .flat_map(|n| split_ingredients(n))
            .collect();
        let routes = label.routes.iter().map(|r| normal(r)).collect();
        DrugKey {
            ingredients: sorted_set(ingredients),
            routes: sorted_set(routes),
        }
    }
}

/// "Acetaminophen and Diphenhydramine HCl, Phenylephrine" → three names.
fn split_ingredients(name: &str) -> Vec<String> {
    normal(name)
        .split(',')
        .flat_map(|part| part.split(" AND "))
        .map(normal)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Upper case, runs of white space as one space, trimmed.
fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

fn sorted_set(mut items: Vec<String>) -> Vec<String> {
    items.retain(|i| !i.is_empty());
    items.sort();
    items.dedup();
    items
}

/// How new a label is: its effective date (`YYYYMMDD`; none is oldest),
/// then its version as a number (none is 0).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Newness {
    date: Option<String>,
    version: u64,
}

impl Newness {
    /// A label's newness.
    pub fn of(label: &Label) -> Newness {
        Newness {
            date: label
                .effective_time
                .as_deref()
                .map(str::trim)
                .filter(|t| t.len() >= 8 && t.bytes().take(8).all(|b| b.is_ascii_digit()))
                .map(|t| t[..8].to_string()),
            version: label
                .version
                .as_deref()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0),
        }
    }
}

/// The labels of one drug as far as they have been read.
#[derive(Debug, Clone)]
pub struct Group {
    /// Every label, with its newness (one per set id: its newest version).
    labels: Vec<(Newness, LabelSource)>,
    /// The newest label and where it is; the first read wins a tie.
    newest: (Newness, Location),
    /// Dosage forms named by any of its labels.
    forms: Vec<String>,
}

impl Group {
    /// How many labels it merges.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Its labels, newest first (the one whose text is used leads).
    pub fn sources(&self) -> Vec<LabelSource> {
        let mut labels = self.labels.clone();
        labels.sort_by(|a, b| b.0.cmp(&a.0));
        labels.into_iter().map(|(_, l)| l).collect()
    }

    fn add(&mut self, at: Location, newness: Newness, label: &Label) {
        let source = source_of(label);
        match self
            .labels
            .iter_mut()
            .find(|(_, l)| l.set_id.is_some() && l.set_id == source.set_id)
        {
            Some(kept) if kept.0 >= newness => {}
            Some(kept) => *kept = (newness.clone(), source),
            None => self.labels.push((newness.clone(), source)),
        }
        if newness > self.newest.0 {
            self.newest = (newness, at);
        }
        for form in &label.dosage_forms {
            if self.forms.len() < MAX_FORMS
                && !self.forms.iter().any(|f| f.eq_ignore_ascii_case(form))
            {
                self.forms.push(form.clone());
            }
        }
    }
}

/// A label's identity as recorded in provenance, sanitised.
fn source_of(label: &Label) -> LabelSource {
    let clean = |s: &Option<String>| s.as_deref().map(sanitize);
    LabelSource {
        set_id: clean(&label.set_id),
        version: clean(&label.version),
        label_date: label.effective_time.as_deref().and_then(label_date),
        labeller: clean(&label.labeller),
        product_type: label.product_type.map(|t| match t {
            ProductType::Prescription => LabelType::Prescription,
            ProductType::OverTheCounter => LabelType::Otc,
        }),
        brands: label.brand_names.iter().map(|b| sanitize(b)).collect(),
    }
}

/// Every drug found so far, by key.
#[derive(Debug, Default)]
pub struct Groups {
    groups: BTreeMap<DrugKey, Group>,
}

impl Groups {
    /// Files a label, found at `at`, under its drug.
    pub fn add(&mut self, at: Location, label: &Label) {
        let newness = Newness::of(label);
        self.groups
            .entry(DrugKey::of(label))
            .or_insert_with(|| Group {
                labels: Vec::new(),
                newest: (newness.clone(), at),
                forms: Vec::new(),
            })
            .add(at, newness, label);
    }

    /// How many drugs.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// How many labels in all.
    pub fn labels(&self) -> usize {
        self.groups.values().map(Group::len).sum()
    }

    /// Where each drug's newest label is, and the drug.
    pub fn newest(&self) -> HashMap<Location, &Group> {
        self.groups.values().map(|g| (g.newest.1, g)).collect()
    }

    /// Where the newest labels are.
    pub fn wanted(&self) -> HashSet<Location> {
        self.groups.values().map(|g| g.newest.1).collect()
    }
}

/// The monograph of a drug: the newest label's text, with every label's
/// brands and dosage forms, and every label in its provenance.
pub fn monograph(
    newest: &Label,
    group: &Group,
    origin: &str,
    today: ReviewedDate,
) -> Result<Monograph, Rejection> {
    let mut draft = label::to_draft(newest).map_err(Rejection::Failed)?;
    let sources = group.sources();
    draft.brands.extend(
        sources
            .iter()
            .flat_map(|l| l.brands.iter().map(|b| brand_case(b))),
    );
    draft.dosage_forms.extend(group.forms.iter().cloned());
    if sources.len() > 1 {
        draft.sources.push(format!(
            "Merged with {} other FDA labels of the same active ingredients and route (listed in its provenance)",
            sources.len() - 1
        ));
    }
    let (mut monograph, _) = finish_checked(draft, origin, today)?;
    if let Some(p) = &mut monograph.provenance {
        p.labels = sources;
    }
    Ok(monograph)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(generic: &[&str], routes: &[&str], date: &str, version: &str, set: &str) -> Label {
        Label {
            generic_names: generic
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            routes: routes
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            effective_time: Some(date.into()),
            version: Some(version.into()),
            set_id: Some(set.into()),
            ..Label::default()
        }
    }

    #[test]
    fn the_key_is_the_set_of_ingredients_and_routes() {
        let a = label(
            &["Acetaminophen and  Diphenhydramine HCl"],
            &["oral"],
            "",
            "",
            "",
        );
        let b = label(
            &["DIPHENHYDRAMINE HCL, ACETAMINOPHEN"],
            &["ORAL"],
            "",
            "",
            "",
        );
        let c = label(&["ACETAMINOPHEN"], &["ORAL"], "", "", "");
        let d = label(&["ACETAMINOPHEN"], &["INTRAVENOUS"], "", "", "");
        assert_eq!(DrugKey::of(&a), DrugKey::of(&b));
        assert_eq!(
            DrugKey::of(&a).ingredients,
            ["ACETAMINOPHEN", "DIPHENHYDRAMINE HCL"]
        );
        assert_ne!(DrugKey::of(&c), DrugKey::of(&d));
    }

    #[test]
    fn the_newest_by_date_then_version_wins_and_a_set_id_counts_once() {
        let at = |entry| Location::new(0, entry);
        let mut groups = Groups::default();
        groups.add(at(0), &label(&["X"], &["ORAL"], "20240101", "9", "s1"));
        groups.add(at(1), &label(&["X"], &["ORAL"], "20240301", "1", "s2"));
        groups.add(at(2), &label(&["X"], &["ORAL"], "20240301", "2", "s3"));
        groups.add(at(3), &label(&["X"], &["ORAL"], "20230101", "1", "s3"));
        groups.add(at(4), &label(&["X"], &["ORAL"], "20240301", "2", "s4"));
        assert_eq!(groups.len(), 1);
        let newest = groups.newest();
        let (where_, group) = newest.iter().next().unwrap();
        assert_eq!(*where_, at(2), "a tie goes to the first read");
        assert_eq!(group.len(), 4);
        let order: Vec<_> = group
            .sources()
            .iter()
            .map(|l| l.set_id.clone().unwrap())
            .collect();
        assert_eq!(order[0], "s3");
        assert_eq!(order.last().unwrap(), "s1");
        assert_eq!(
            group.sources()[0].version.as_deref(),
            Some("2"),
            "an older version of a set id does not replace a newer"
        );
    }
}
