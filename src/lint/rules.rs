//! The rules on side effects, names and schedules.

use std::collections::HashMap;

use super::words::{Reader, forms, lead_parts, sentences};
use super::{Finding, Rule};
use crate::model::Monograph;
use crate::validate::{FieldPath, Step};

fn finding(rule: Rule, path: Vec<Step>, message: String) -> Finding {
    Finding {
        rule,
        path: FieldPath(path),
        message,
    }
}

/// The serious and emergency entries, with their paths.
fn urgent(m: &Monograph) -> impl Iterator<Item = (Vec<Step>, &String)> {
    let s = &m.side_effects;
    [("emergency", &s.emergency), ("serious", &s.serious)]
        .into_iter()
        .flat_map(|(key, list)| {
            list.iter().enumerate().map(move |(i, e)| {
                (
                    vec![Step::Key("side_effects"), Step::Key(key), Step::Index(i)],
                    e,
                )
            })
        })
}

/// A symptom named in the lead of a common entry and, with no more words
/// (no "severe", no "that lasts"), in the lead of a serious or emergency
/// entry: a reader cannot tell whether to shrug it off or call for help.
pub fn common_and_serious(m: &Monograph, reader: &Reader) -> Vec<Finding> {
    let mut urgent_symptoms: HashMap<Vec<String>, String> = HashMap::new();
    for (path, entry) in urgent(m) {
        for part in lead_parts(entry, false) {
            let symptom = reader.symptom(part);
            if !symptom.is_empty() {
                urgent_symptoms
                    .entry(symptom)
                    .or_insert_with(|| FieldPath(path.clone()).to_string());
            }
        }
    }
    let mut out = Vec::new();
    for (i, entry) in m.side_effects.common.iter().enumerate() {
        for part in lead_parts(entry, true) {
            if let Some(at) = urgent_symptoms.get(&reader.symptom(part)) {
                out.push(finding(
                    Rule::CommonAndSerious,
                    vec![
                        Step::Key("side_effects"),
                        Step::Key("common"),
                        Step::Index(i),
                    ],
                    format!(
                        "\"{part}\" is listed as common, and the same symptom stands alone at `{at}`; \
                         say what makes it serious there (severe, lasting, with other signs) \
                         or list it once"
                    ),
                ));
            }
        }
    }
    out
}

/// A rash among the common, harmless effects while the boxed warning or
/// the serious or emergency list says to stop at a rash.
pub fn rash_among_common(m: &Monograph, reader: &Reader) -> Vec<Finding> {
    let rash = reader.concept("rash");
    let stop = forms("stop stops stopped stopping discontinue discontinued discontinuing");
    let says_stop_at_rash = |text: &str| {
        sentences(text).any(|s| {
            let concepts = reader.concepts(s);
            concepts.contains(&rash) && concepts.iter().any(|c| stop.contains(c))
        })
    };
    let warning = m.boxed_warning.as_deref().filter(|w| says_stop_at_rash(w));
    let source = match warning {
        Some(_) => Some("the boxed warning".to_string()),
        None => urgent(m)
            .find(|(_, e)| says_stop_at_rash(e))
            .map(|(path, _)| format!("`{}`", FieldPath(path))),
    };
    let Some(source) = source else {
        return Vec::new();
    };
    m.side_effects
        .common
        .iter()
        .enumerate()
        .filter(|(_, e)| reader.concepts(e).contains(&rash))
        .map(|(i, e)| {
            finding(
                Rule::RashAmongCommon,
                vec![
                    Step::Key("side_effects"),
                    Step::Key("common"),
                    Step::Index(i),
                ],
                format!(
                    "\"{e}\" lists a rash among common effects, but {source} says to stop at a \
                     rash; move it to the serious list"
                ),
            )
        })
        .collect()
}

/// A medicine taken on a schedule needs a "what if I miss a dose?" FAQ;
/// and to know that, the monograph says how it is taken.
pub fn missed_dose(m: &Monograph) -> Vec<Finding> {
    let Some(taken) = m.usage.taken else {
        return vec![finding(
            Rule::MissedDose,
            vec![Step::Key("usage")],
            "`usage.taken` is missing: say how it is taken (\"regularly\", \"as-needed\", \
             \"course\" or \"by-professional\")"
                .into(),
        )];
    };
    let missed = forms("miss missed missing forget forgot forgotten skip skipped");
    let answered = m.faqs.iter().any(|f| {
        crate::search::normalize::terms(&f.question)
            .iter()
            .any(|t| missed.contains(t))
    });
    if !taken.on_a_schedule() || answered {
        return Vec::new();
    }
    vec![finding(
        Rule::MissedDose,
        vec![Step::Key("faqs")],
        "taken on a schedule but no FAQ says what to do after a missed dose; add one \
         (\"What if I miss a dose?\")"
            .into(),
    )]
}

/// Whose labelling the monograph follows.
pub fn jurisdiction(m: &Monograph) -> Vec<Finding> {
    if m.jurisdiction
        .as_deref()
        .is_some_and(|j| !j.trim().is_empty())
    {
        return Vec::new();
    }
    vec![finding(
        Rule::Jurisdiction,
        vec![Step::Key("reviewed")],
        "no `jurisdiction`: say whose labelling the content follows, e.g. jurisdiction = \"US\""
            .into(),
    )]
}

/// A brand, related brand or alias that two monographs claim: a name must
/// lead to one drug. Reported at the later monograph, naming the earlier.
pub fn shared_brands(monographs: &[&Monograph], origins: &[&str]) -> Vec<(usize, Finding)> {
    let key = |name: &str| -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut owner: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, m) in monographs.iter().enumerate() {
        let names = m
            .brands
            .iter()
            .enumerate()
            .map(|(j, b)| (vec![Step::Key("brands"), Step::Index(j)], b.as_str()))
            .chain(m.related_brands.iter().enumerate().map(|(j, b)| {
                (
                    vec![
                        Step::Key("related_brands"),
                        Step::Index(j),
                        Step::Key("name"),
                    ],
                    b.name.as_str(),
                )
            }))
            .chain(
                m.aliases
                    .iter()
                    .enumerate()
                    .map(|(j, a)| (vec![Step::Key("aliases"), Step::Index(j)], a.as_str())),
            );
        let mut own = Vec::new();
        for (path, name) in names {
            let k = key(name);
            if k.is_empty() || own.contains(&k) {
                continue;
            }
            own.push(k.clone());
            match owner.get(&k) {
                Some(&first) => out.push((
                    i,
                    finding(
                        Rule::SharedBrand,
                        path,
                        format!(
                            "\"{name}\" is also a name of {} ({}); a name must lead to one \
                             monograph: keep it in one and mark it there as a related product \
                             if it is a combination",
                            monographs[first].id, origins[first]
                        ),
                    ),
                )),
                None => {
                    owner.insert(k, i);
                }
            }
        }
    }
    out
}
