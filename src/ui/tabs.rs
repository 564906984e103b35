//! The tab bar. The six full names whenever they fit; else whole-word short
//! forms, none of them another clinical term (not "Contra.", which reads
//! as contraindications, nor "How", which reads as how to take), with the
//! active tab in full; else numbers, with the active tab in full.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::pane::Pane;
use crate::theme::Theme;

/// A tab's short form, shown when the full names do not fit.
pub fn short(pane: Pane) -> &'static str {
    match pane {
        Pane::Usage => "Use",
        Pane::SideEffects => "Reactions",
        Pane::HowItWorks => "Mechanism",
        Pane::Faqs => "FAQs",
        Pane::BeforeYouTake => "Cautions",
        Pane::Contraception => "Pregnancy",
    }
}

/// How much a tab bar spells out, richest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    /// Every name in full.
    Full,
    /// Every name in full, closer together.
    FullTight,
    /// Short forms.
    Short,
    /// Short forms, closer together.
    ShortTight,
    /// Numbers.
    Numbered,
}

const TIERS: [Tier; 5] = [
    Tier::Full,
    Tier::FullTight,
    Tier::Short,
    Tier::ShortTight,
    Tier::Numbered,
];

/// One laid-out tab bar: each tab's label and what goes between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabBar {
    labels: Vec<(Pane, String)>,
    divider: &'static str,
}

impl TabBar {
    fn new(tier: Tier, active: Pane) -> Self {
        let labels = Pane::ALL
            .iter()
            .enumerate()
            .map(|(i, &pane)| {
                let label = match tier {
                    Tier::Full | Tier::FullTight => pane.title().to_string(),
                    _ if pane == active => match tier {
                        Tier::Numbered => format!("{} {}", i + 1, pane.title()),
                        _ => pane.title().to_string(),
                    },
                    Tier::Short | Tier::ShortTight => short(pane).to_string(),
                    Tier::Numbered => (i + 1).to_string(),
                };
                (pane, label)
            })
            .collect();
        let divider = if matches!(tier, Tier::FullTight | Tier::ShortTight) {
            "│"
        } else {
            " │ "
        };
        Self { labels, divider }
    }

    /// The richest bar for `active` that fits `width` columns (numbers
    /// when none does).
    pub fn fitting(width: u16, active: Pane) -> Self {
        TIERS
            .into_iter()
            .map(|tier| Self::new(tier, active))
            .find(|bar| bar.width() <= usize::from(width))
            .unwrap_or_else(|| Self::new(Tier::Numbered, active))
    }

    /// Columns the bar takes.
    pub fn width(&self) -> usize {
        let labels: usize = self.labels.iter().map(|(_, l)| l.width()).sum();
        labels + self.divider.width() * self.labels.len().saturating_sub(1)
    }

    /// Each tab's columns, `[start, end)`, from column `x`, for mouse clicks.
    pub fn columns(&self, x: u16) -> Vec<(Pane, u16, u16)> {
        let mut start = usize::from(x);
        let mut out = Vec::new();
        for (pane, label) in &self.labels {
            let end = start + label.width();
            out.push((*pane, clamp(start), clamp(end)));
            start = end + self.divider.width();
        }
        out
    }

    /// The bar as a line: the active tab in its style, the rest dim.
    pub fn line(&self, active: Pane, theme: &Theme) -> Line<'_> {
        let mut spans = Vec::new();
        for (n, (pane, label)) in self.labels.iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(self.divider, theme.dim));
            }
            let style = if *pane == active {
                theme.tab_active
            } else {
                theme.dim
            };
            spans.push(Span::styled(label.as_str(), style));
        }
        Line::from(spans)
    }
}

fn clamp(column: usize) -> u16 {
    u16::try_from(column).unwrap_or(u16::MAX)
}

/// The columns each richer kind of bar needs whichever tab is active,
/// richest first: the layout may narrow the list to make one fit.
pub fn widths_needed() -> impl Iterator<Item = usize> {
    TIERS.into_iter().map(|tier| {
        Pane::ALL
            .into_iter()
            .map(|active| TabBar::new(tier, active).width())
            .max()
            .unwrap_or(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(width: u16, active: Pane) -> String {
        let bar = TabBar::fitting(width, active);
        let line = bar.line(active, &Theme::monochrome());
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn full_names_when_they_fit_else_short_forms_with_the_active_tab_in_full() {
        assert_eq!(
            shown(76, Pane::Usage),
            "Usage │ Side Effects │ How it Works │ FAQs │ Before You Take │ Contraception"
        );
        assert_eq!(
            shown(75, Pane::Usage),
            "Usage│Side Effects│How it Works│FAQs│Before You Take│Contraception"
        );
        assert_eq!(
            shown(64, Pane::Contraception),
            "Use │ Reactions │ Mechanism │ FAQs │ Cautions │ Contraception"
        );
        assert_eq!(
            shown(54, Pane::BeforeYouTake),
            "Use│Reactions│Mechanism│FAQs│Before You Take│Pregnancy"
        );
        assert_eq!(
            shown(38, Pane::SideEffects),
            "1 │ 2 Side Effects │ 3 │ 4 │ 5 │ 6"
        );
    }

    #[test]
    fn short_forms_are_whole_words_and_not_the_old_ambiguous_ones() {
        for pane in Pane::ALL {
            let s = short(pane);
            assert!(s.chars().all(char::is_alphabetic), "{s}");
            assert!(!["Contra", "How", "Before"].contains(&s), "{s}");
        }
    }

    #[test]
    fn every_bar_fits_the_width_it_was_made_for_when_any_can() {
        let narrowest = widths_needed().last().unwrap_or(0);
        for width in 0..100u16 {
            for active in Pane::ALL {
                let bar = TabBar::fitting(width, active);
                if usize::from(width) >= narrowest {
                    assert!(bar.width() <= usize::from(width), "{width} {active}");
                }
                assert!(
                    bar.labels
                        .iter()
                        .any(|(p, l)| *p == active && l.contains(active.title()))
                );
            }
        }
    }

    #[test]
    fn columns_cover_each_label() {
        let bar = TabBar::fitting(76, Pane::Usage);
        let columns = bar.columns(10);
        assert_eq!(columns[0], (Pane::Usage, 10, 15));
        assert_eq!(columns[1], (Pane::SideEffects, 18, 30));
        assert_eq!(columns[5].2, 10 + 76);
    }
}
