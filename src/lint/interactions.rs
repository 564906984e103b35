//! The rule on structured interaction entries: an item of `with` that is
//! a near miss of a known name (a typo) matches nothing, so the check would
//! stay silent about that combination.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::{Finding, Rule};
use crate::classes::ClassTable;
use crate::interactions::item_key;
use crate::model::{Interaction, Monograph};
use crate::validate::{FieldPath, Step};

/// Every name an item can match: drugs' ids, names, brands, aliases and
/// related brands, and the class table's names, compared as items are.
pub struct KnownNames {
    keys: HashSet<String>,
    /// The names a near miss is offered, compared as items are and as
    /// written: not aliases, which hold common misspellings
    /// ("triamterine") that would be offered for the drug itself.
    offered: Vec<(String, String)>,
    /// What each item not known was found to be a near miss of: the same
    /// item stands in many entries ("dofetilide"), and is compared with
    /// every name once.
    seen: RefCell<HashMap<String, Option<String>>>,
}

impl KnownNames {
    /// The names of `monographs` and of `classes`.
    pub fn new(monographs: &[&Monograph], classes: &ClassTable) -> Self {
        let aliases = monographs
            .iter()
            .flat_map(|m| m.aliases.iter().map(String::as_str));
        let drugs = monographs.iter().flat_map(|m| {
            let names = std::iter::once(m.name.as_str()).chain(m.brands.iter().map(String::as_str));
            names.chain(m.related_names()).chain([m.id.as_str()])
        });
        let groups = (classes.classes.iter().chain(&classes.foods))
            .flat_map(|g| g.names.iter().map(String::as_str).chain([g.id.as_str()]));
        // Each name once (a drug checked beside its bundled copy, a name
        // that is also an id), as first written.
        let mut keys: HashSet<String> = HashSet::new();
        let offered: Vec<(String, String)> = (drugs.chain(groups))
            .filter_map(|name| {
                let key = item_key(name);
                keys.insert(key.clone()).then(|| (key, name.to_string()))
            })
            .collect();
        keys.extend(aliases.map(item_key));
        Self {
            keys,
            offered,
            seen: RefCell::default(),
        }
    }

    /// The known name `key` is most likely a typo of: one edit away (two
    /// in a name of twelve letters or more), and not by a word so short
    /// that one letter makes another thing ("vitamin C", "vitamin A"). Drug
    /// names a little further apart are different drugs ("felodipine",
    /// "amlodipine"), simply not bundled, and are left alone.
    fn near_miss(&self, key: &str) -> Option<String> {
        if self.keys.contains(key) {
            return None;
        }
        if let Some(seen) = self.seen.borrow().get(key) {
            return seen.clone();
        }
        let found = self.closest(key).map(str::to_string);
        self.seen
            .borrow_mut()
            .insert(key.to_string(), found.clone());
        found
    }

    /// The offered name one or two edits from `key` (see [`Self::near_miss`]).
    fn closest(&self, key: &str) -> Option<&str> {
        let chars = key.chars().count();
        let allowed = if chars >= 12 { 2 } else { 1 };
        // Names longer or shorter by more than `allowed` are further than
        // that, whatever their letters: skip them before the edit count,
        // which every item not known pays against every name.
        (self.offered.iter())
            .filter(|(known, _)| known.chars().count().abs_diff(chars) <= allowed)
            .filter(|(known, _)| !differs_in_a_short_word(key, known))
            .map(|(known, name)| (strsim::levenshtein(key, known), name.as_str()))
            .filter(|(edits, _)| (1..=allowed).contains(edits))
            .min()
            .map(|(_, name)| name)
    }
}

/// Whether `a` and `b` have as many words and differ in one shorter than
/// four letters or holding a digit: a code, where one character is another
/// thing ("CYP2C9", "CYP2D6").
fn differs_in_a_short_word(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let code = |w: &str| w.chars().count() < 4 || w.chars().any(|c| c.is_ascii_digit());
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .any(|(x, y)| x != y && (code(x) || code(y)))
}

/// Each `with` item of `m` that is a near miss of a known name.
pub fn interaction_names(m: &Monograph, known: &KnownNames) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, entry) in m.before_you_take.interactions.iter().enumerate() {
        let Interaction::Structured(e) = entry else {
            continue;
        };
        for (j, item) in e.with.iter().enumerate() {
            if let Some(known) = known.near_miss(&item_key(item)) {
                out.push(Finding {
                    rule: Rule::InteractionName,
                    path: FieldPath(vec![
                        Step::Key("before_you_take"),
                        Step::Key("interactions"),
                        Step::Index(i),
                        Step::Key("with"),
                        Step::Index(j),
                    ]),
                    message: format!(
                        "\"{item}\" names no drug, class or food, so the interaction check \
                         never matches it; did you mean \"{known}\"?"
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownNames {
        let text = include_str!("../../data/warfarin.toml");
        let warfarin = crate::load::parse_monograph("w.toml", text.as_bytes()).expect("valid");
        let classes = ClassTable::load(&[]).0;
        let mut names = KnownNames::new(&[&warfarin], &classes);
        names
            .offered
            .push(("famotidine".into(), "famotidine".into()));
        names
            .offered
            .push(("triamterine".into(), "triamterine".into())); // as if an alias
        names.keys.insert("famotidine".into());
        names
    }

    #[test]
    fn a_typo_of_a_drug_or_class_is_named_with_the_likely_name() {
        let known = known();
        assert_eq!(
            known.near_miss(&item_key("warfrin")).as_deref(),
            Some("Warfarin")
        );
        assert_eq!(
            known.near_miss(&item_key("Other NSAID's")).as_deref(),
            Some("NSAIDs")
        );
        assert_eq!(
            known.near_miss(&item_key("SSRI antidepressant")).as_deref(),
            Some("SSRI antidepressants")
        );
    }

    #[test]
    fn known_names_and_drugs_simply_not_bundled_are_left_alone() {
        let known = known();
        assert_eq!(known.near_miss(&item_key("Coumadin")).as_deref(), None);
        assert_eq!(
            known
                .near_miss(&item_key("other blood thinners"))
                .as_deref(),
            None
        );
        assert_eq!(known.near_miss(&item_key("cimetidine")).as_deref(), None);
        assert_eq!(known.near_miss(&item_key("dofetilide")).as_deref(), None);
        assert_eq!(known.near_miss(&item_key("vitamin C")).as_deref(), None);
        assert_eq!(
            known.near_miss(&item_key("CYP2C9 inhibitors")).as_deref(),
            None
        );
    }
}
