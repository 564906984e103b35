//! Checks that the types alone cannot express: required text is not blank,
//! the id is a slug, lists that must have entries have them.

use std::fmt;

use crate::model::{Interaction, Monograph};

/// One step in a path to a value: a table key or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A key in a table.
    Key(&'static str),
    /// An index in an array.
    Index(usize),
}

/// A value's place in the document, e.g. `faqs[2].answer`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<Step>);

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A rule a monograph breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub path: FieldPath,
    /// What is wrong.
    pub message: String,
}

/// Collects problems while walking a monograph.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, path: &[Step], message: impl Into<String>) {
        self.problems.push(Problem {
            path: FieldPath(path.to_vec()),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &[Step], value: &str) {
        if value.trim().is_empty() {
            self.report(path, format!("`{}` is empty", FieldPath(path.to_vec())));
        }
    }

    /// A list that must have at least one entry, none of them blank.
    fn list(&mut self, path: &[Step], items: &[String]) {
        if items.is_empty() {
            self.report(
                path,
                format!("`{}` needs at least one entry", FieldPath(path.to_vec())),
            );
        }
        self.items(path, items);
    }

    /// The interaction list: at least one entry; a sentence must not be
    /// blank, a structured entry must name something and say what happens.
    fn interactions(&mut self, entries: &[Interaction]) {
        let path = [Step::Key("before_you_take"), Step::Key("interactions")];
        if entries.is_empty() {
            self.report(
                &path,
                "`before_you_take.interactions` needs at least one entry",
            );
        }
        for (i, entry) in entries.iter().enumerate() {
            let at = [&path[..], &[Step::Index(i)]].concat();
            match entry {
                Interaction::Text(text) => self.text(&at, text),
                Interaction::Structured(e) => {
                    let with = [&at[..], &[Step::Key("with")]].concat();
                    if e.with.is_empty() {
                        self.report(
                            &with,
                            format!("`{}` names nothing", FieldPath(with.clone())),
                        );
                    }
                    self.items(&with, &e.with);
                    self.text(&[&at[..], &[Step::Key("effect")]].concat(), &e.effect);
                }
            }
        }
    }

    /// A list that may be empty but whose entries must not be blank.
    fn items(&mut self, path: &[Step], items: &[String]) {
        for (i, item) in items.iter().enumerate() {
            self.text(&[path, &[Step::Index(i)]].concat(), item);
        }
    }
}

/// Whether `id` is a lowercase slug such as `insulin-glargine`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Every rule the monograph breaks, in file order.
pub fn validate(m: &Monograph) -> Vec<Problem> {
    use Step::{Index, Key};
    let mut c = Checker {
        problems: Vec::new(),
    };
    if !is_slug(&m.id) {
        c.report(
            &[Key("id")],
            format!("id `{}` must be lowercase letters, digits and single hyphens, like `insulin-glargine`", m.id),
        );
    }
    c.text(&[Key("name")], &m.name);
    if m.brands.is_empty() && m.brands_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        c.report(
            &[Key("brands")],
            "`brands` is empty: list the brand names, or say why there are none in `brands_note`",
        );
    }
    c.items(&[Key("brands")], &m.brands);
    for (i, b) in m.related_brands.iter().enumerate() {
        c.text(&[Key("related_brands"), Index(i), Key("name")], &b.name);
        c.text(&[Key("related_brands"), Index(i), Key("note")], &b.note);
    }
    c.items(&[Key("aliases")], &m.aliases);
    if m.reviewed.is_none() && m.provenance.is_none() {
        c.report(
            &[Key("reviewed")],
            "`reviewed` is missing: give the date a person last reviewed the text \
             (only imported monographs, with `[provenance]`, may lack it)",
        );
    }
    // An import leaves what its source did not say empty rather than
    // filling it with words of its own.
    if m.provenance.is_none() {
        for (key, missing) in [
            ("drug_class", m.drug_class.trim().is_empty()),
            ("dosage_forms", m.dosage_forms.is_empty()),
            ("route", m.route.trim().is_empty()),
        ] {
            if missing {
                c.report(&[Key(key)], format!("`{key}` is missing or empty"));
            }
        }
        c.items(&[Key("dosage_forms")], &m.dosage_forms);
    } else {
        c.items(&[Key("dosage_forms")], &m.dosage_forms);
    }
    if let Some(w) = &m.boxed_warning {
        c.text(&[Key("boxed_warning")], w);
    }
    c.list(&[Key("sources")], &m.sources);

    let u = &m.usage;
    if u.indications.is_empty() {
        c.report(
            &[Key("usage"), Key("indications")],
            "`usage.indications` needs at least one entry",
        );
    }
    for (i, ind) in u.indications.iter().enumerate() {
        c.text(
            &[Key("usage"), Key("indications"), Index(i), Key("condition")],
            &ind.condition,
        );
    }
    c.text(&[Key("usage"), Key("how_to_take")], &u.how_to_take);

    let s = &m.side_effects;
    c.list(&[Key("side_effects"), Key("emergency")], &s.emergency);
    c.list(&[Key("side_effects"), Key("serious")], &s.serious);
    c.list(&[Key("side_effects"), Key("common")], &s.common);

    c.text(&[Key("how_it_works"), Key("text")], &m.how_it_works.text);

    if m.faqs.is_empty() {
        c.report(&[Key("faqs")], "`faqs` needs at least one [[faqs]] entry");
    }
    for (i, faq) in m.faqs.iter().enumerate() {
        c.text(&[Key("faqs"), Index(i), Key("question")], &faq.question);
        c.text(&[Key("faqs"), Index(i), Key("answer")], &faq.answer);
    }

    let b = &m.before_you_take;
    c.list(&[Key("before_you_take"), Key("conditions")], &b.conditions);
    c.items(&[Key("before_you_take"), Key("tests")], &b.tests);
    c.interactions(&b.interactions);
    c.items(&[Key("before_you_take"), Key("avoid")], &b.avoid);

    let k = &m.contraception;
    c.text(&[Key("contraception"), Key("summary")], &k.summary);
    c.text(&[Key("contraception"), Key("pregnancy")], &k.pregnancy);
    c.text(
        &[Key("contraception"), Key("breastfeeding")],
        &k.breastfeeding,
    );
    for (i, d) in k.after_last_dose.iter().enumerate() {
        c.text(
            &[
                Key("contraception"),
                Key("after_last_dose"),
                Index(i),
                Key("label"),
            ],
            &d.label,
        );
    }
    if !k.needed && !k.after_last_dose.is_empty() {
        c.report(
            &[Key("contraception"), Key("needed")],
            "`contraception.needed` is false but `after_last_dose` lists precautions; set it to true",
        );
    }
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("insulin-glargine"));
        assert!(is_slug("b12"));
        for bad in ["", "Insulin", "a--b", "-a", "a-", "a b", "a_b"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn paths_print_like_toml_keys() {
        let p = FieldPath(vec![Step::Key("faqs"), Step::Index(2), Step::Key("answer")]);
        assert_eq!(p.to_string(), "faqs[2].answer");
    }
}
