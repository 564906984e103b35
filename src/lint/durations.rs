//! The chart of precautions after the last dose must agree with the prose
//! that states them.

use super::words::{forms, sentences};
use super::{Finding, Rule};
use crate::date::{Span, Unit};
use crate::model::{Contraception, Monograph};
use crate::search::normalize::terms;
use crate::validate::{FieldPath, Step};

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// Every duration written in `text` ("8 months", "two weeks", "1 year").
pub fn durations_in(text: &str) -> Vec<Span> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(2)
        .filter_map(|pair| {
            let amount = pair[0].parse::<u32>().ok().or_else(|| {
                NUMBER_WORDS
                    .iter()
                    .position(|n| *n == pair[0])
                    .and_then(|i| u32::try_from(i + 1).ok())
            })?;
            let unit = match pair[1].as_str() {
                "day" | "days" => Unit::Days,
                "week" | "weeks" => Unit::Weeks,
                "month" | "months" => Unit::Months,
                "year" | "years" => Unit::Years,
                _ => return None,
            };
            (amount > 0).then_some(Span { amount, unit })
        })
        .collect()
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
