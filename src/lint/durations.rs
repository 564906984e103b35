//! The chart of precautions after the last dose must agree with the prose
//! that states them.

use super::words::{forms, sentences};
use super::{Finding, Rule};
use crate::date::Span;
use crate::model::{Contraception, Monograph};
use crate::search::normalize::terms;
use crate::validate::{FieldPath, Step};

/// Every duration written in `text` ("8 months", "two weeks", "1 year").
pub fn durations_in(text: &str) -> Vec<Span> {
    crate::date::durations_in(text).collect()
}

/// The prose field a chart row restates, chosen by the row's label: who
/// (women, men) or what (breastfeeding); otherwise the summary.
fn prose_for<'a>(c: &'a Contraception, label: &str) -> (&'static str, &'a str) {
    let label = terms(label);
    let has = |words: &str| forms(words).iter().any(|w| label.contains(w));
    if has("breastfeeding breastfeed breast nursing") && !c.breastfeeding.trim().is_empty() {
        ("breastfeeding", &c.breastfeeding)
    } else if has("men man male partner partners condom condoms") && !c.men.trim().is_empty() {
        ("men", &c.men)
    } else if has("women woman female") && !c.women.trim().is_empty() {
        ("women", &c.women)
    } else {
        ("summary", &c.summary)
    }
}

/// A chart row whose duration the matching prose does not state, while
/// that prose does give a duration after treatment.
pub fn duration_mismatch(m: &Monograph) -> Vec<Finding> {
    let c = &m.contraception;
    let after = forms("after stopping stop last");
    let mut out = Vec::new();
    for (i, row) in c.after_last_dose.iter().enumerate() {
        let (field, prose) = prose_for(c, &row.label);
        let stated: Vec<Span> = sentences(prose)
            .filter(|s| terms(s).iter().any(|t| after.contains(t)))
            .flat_map(durations_in)
            .collect();
        if stated.is_empty() || stated.contains(&row.duration) {
            continue;
        }
        let said: Vec<String> = stated.iter().map(ToString::to_string).collect();
        out.push(Finding {
            rule: Rule::DurationMismatch,
            path: FieldPath(vec![
                Step::Key("contraception"),
                Step::Key("after_last_dose"),
                Step::Index(i),
                Step::Key("duration"),
            ]),
            message: format!(
                "the chart says {} for \"{}\", but `contraception.{field}` says {}; make them agree",
                row.duration,
                row.label.trim(),
                said.join(" or ")
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_figures_and_words() {
        let found: Vec<String> = durations_in("for 8 months, then two weeks; 1 year later")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(found, ["8 months", "2 weeks", "1 year"]);
        assert!(durations_in("the 3rd dose").is_empty());
    }
}
