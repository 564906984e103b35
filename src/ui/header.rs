//! The monograph header (identity facts) and the boxed warning.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::fit::fit_line;
use crate::wrap::{cut_marked, wrap};

use crate::model::Monograph;
use crate::theme::Theme;

/// Name, pronunciation, brands, class, forms, route and review date.
pub struct Header<'a> {
    /// The drug.
    pub drug: &'a Monograph,
    /// Styles.
    pub theme: &'a Theme,
}

impl Header<'_> {
    /// Lines for a header of `height` rows (1 gives the name and brands only).
    fn lines(&self, height: u16) -> Vec<Line<'_>> {
        let (m, t) = (self.drug, self.theme);
        let fact = |label: &'static str, value: String| {
            // A fact the source did not give shows as a dash, not a blank.
            let value = if value.trim().is_empty() {
                "—".to_string()
            } else {
                value
            };
            vec![
                Span::styled(format!("{label} "), t.dim),
                Span::styled(value, t.text),
            ]
        };
        let dot = || Span::styled("  ·  ", t.dim);
        let brands = if m.brands.is_empty() {
            m.brands_note.clone().unwrap_or_default()
        } else {
            m.brands.join(", ")
        };
        let mut first = vec![Span::styled(m.name.as_str(), t.title)];
        if height == 1 {
            first.push(dot());
            first.push(Span::styled(brands, t.text));
            return vec![Line::from(first)];
        }
        if !m.pronunciation.is_empty() {
            first.push(Span::styled(format!("  ({})", m.pronunciation), t.dim));
        }
        let mut second = fact("Brands", brands);
        second.push(dot());
        second.extend(fact("Class", m.drug_class.clone()));
        let mut third = match m.reviewed {
            Some(date) => fact("Reviewed", date.to_string()),
            // An import nobody has reviewed says so, in the warning style.
            None => vec![Span::styled(
                crate::model::UNREVIEWED.to_uppercase(),
                t.serious,
            )],
        };
        third.push(dot());
        third.extend(fact("Route", m.route.clone()));
        third.push(dot());
        third.extend(fact("Form", m.dosage_forms.join("; ")));
        if let Some(p) = &m.provenance {
            third.push(dot());
            third.extend(fact("Source", p.summary()));
        }
        vec![Line::from(first), Line::from(second), Line::from(third)]
    }
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Cut rather than wrapped, with "…" to say so: each line leads with
        // what matters most, and the pane repeats forms and route in full.
        let lines: Vec<Line<'_>> = self
            .lines(area.height.min(3))
            .into_iter()
            .map(|line| fit_line(line, area.width))
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}

/// The boxed warning, set apart in the warning style.
pub struct BoxedWarning<'a> {
    /// Warning text.
    pub text: &'a str,
    /// Styles.
    pub theme: &'a Theme,
}

impl BoxedWarning<'_> {
    /// Rows the warning wants at `width`, border included.
    pub fn height(text: &str, width: u16) -> u16 {
        let inner = usize::from(width.saturating_sub(2)).max(1);
        let lines = wrap(text, inner, "", "").len();
        u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2)
    }
}

/// Where a cut warning is shown in full.
const FULL_TEXT: &str = " full text: 2 Side Effects ";

impl Widget for BoxedWarning<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        if area.height < 3 {
            let line = Line::from(vec![
                Span::styled("⚠ WARNING ", t.emergency),
                Span::styled(self.text, t.text),
            ]);
            return fit_line(line, area.width).render(area, buf);
        }
        let mut block = Block::bordered()
            .title(Span::styled(" ⚠ Boxed warning ", t.emergency))
            .border_style(t.emergency);
        let inner = block.inner(area);
        let rows = usize::from(inner.height);
        let mut lines = wrap(self.text, usize::from(inner.width).max(1), "", "");
        if lines.len() > rows {
            // Cut mid-text: end with "…" and say where the rest is.
            lines.truncate(rows);
            if let Some(last) = lines.last_mut() {
                *last = cut_marked(last, usize::from(inner.width));
            }
            block = block.title_bottom(Line::styled(FULL_TEXT, t.emergency).right_aligned());
        }
        let lines: Vec<Line<'_>> = lines.into_iter().map(Line::from).collect();
        Paragraph::new(lines)
            .style(t.text)
            .block(block)
            .render(area, buf);
    }
}
