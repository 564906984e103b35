//! The monograph header (identity facts) and the boxed warning.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::fit::fit_line;
use crate::wrap::{cut, cut_marked, wrap};

use crate::model::Monograph;
use crate::theme::Theme;

/// Name, pronunciation, brands, class, forms, route and review date.
pub struct Header<'a> {
    /// The drug.
    pub drug: &'a Monograph,
    /// Styles.
    pub theme: &'a Theme,
}

/// Between facts on one line.
const DOT: &str = "  ·  ";

impl Header<'_> {
    /// Rows the header takes in a pane `width` columns wide with `height`
    /// rows inside: brands and class get a line each when they do not fit
    /// one together and the pane is tall enough, so a long class stays
    /// readable at 80 columns.
    pub fn rows(drug: &Monograph, width: u16, height: u16) -> u16 {
        match height {
            16.. if identity_width(drug) > usize::from(width) => 4,
            14.. => 3,
            8.. => 1,
            _ => 0,
        }
    }

    /// Lines for a header of `height` rows (1 gives the name and brands only).
    fn lines(&self, height: u16, width: u16) -> Vec<Line<'_>> {
        let (m, t) = (self.drug, self.theme);
        let dot = || Span::styled(DOT, t.dim);
        let brands = brands(m);
        let mut first = vec![Span::styled(m.name.as_str(), t.title)];
        if height == 1 {
            first.push(dot());
            first.push(Span::styled(brands, t.text));
            return vec![Line::from(first)];
        }
        if !m.pronunciation.is_empty() {
            first.push(Span::styled(format!("  ({})", m.pronunciation), t.dim));
        }
        let mut lines = vec![Line::from(first)];
        if height >= 4 {
            lines.push(Line::from(fact(t, "Brands", brands)));
            lines.push(Line::from(fact(t, "Class", m.drug_class.clone())));
        } else {
            lines.push(Line::from(brands_and_class(m, t, usize::from(width))));
        }
        let mut last = match m.reviewed {
            Some(date) => fact(t, "Reviewed", date.to_string()),
            // An import nobody has reviewed says so, in the warning style.
            None => vec![Span::styled(
                crate::model::UNREVIEWED.to_uppercase(),
                t.serious,
            )],
        };
        last.push(dot());
        last.extend(fact(t, "Route", m.route.clone()));
        last.push(dot());
        last.extend(fact(t, "Form", m.dosage_forms.join("; ")));
        if let Some(p) = &m.provenance {
            last.push(dot());
            last.extend(fact(t, "Source", p.summary()));
        }
        lines.push(Line::from(last));
        lines
    }
}

/// The brands, or the note that stands for them.
fn brands(m: &Monograph) -> String {
    if m.brands.is_empty() {
        m.brands_note.clone().unwrap_or_default()
    } else {
        m.brands.join(", ")
    }
}

/// A label and its value; a fact the source did not give shows as a dash,
/// not a blank.
fn fact<'a>(t: &Theme, label: &'static str, value: String) -> Vec<Span<'a>> {
    let value = if value.trim().is_empty() {
        "—".to_string()
    } else {
        value
    };
    vec![
        Span::styled(format!("{label} "), t.dim),
        Span::styled(value, t.text),
    ]
}

/// Columns "Brands … · Class …" takes on one line.
fn identity_width(m: &Monograph) -> usize {
    let value = |v: &str| v.trim().width().max(1);
    "Brands ".width() + value(&brands(m)) + DOT.width() + "Class ".width() + value(&m.drug_class)
}

/// Brands and class on one line of `width` columns. When both do not fit,
/// the class keeps at least half the room (or all it needs), so it is
/// never cut to nothing behind a long list of brands; each cut ends in "…".
fn brands_and_class<'a>(m: &Monograph, t: &Theme, width: usize) -> Vec<Span<'a>> {
    let (brands, class) = (brands(m), m.drug_class.clone());
    let (brands, class) = if identity_width(m) <= width {
        (brands, class)
    } else {
        let overhead = "Brands ".width() + DOT.width() + "Class ".width();
        let room = width.saturating_sub(overhead);
        let class_room = class
            .width()
            .min((room / 2).max(room.saturating_sub(brands.width())));
        (cut(&brands, room - class_room), cut(&class, class_room))
    };
    let mut line = fact(t, "Brands", brands);
    line.push(Span::styled(DOT, t.dim));
    line.extend(fact(t, "Class", class));
    line
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Cut rather than wrapped, with "…" to say so: each line leads with
        // what matters most, and the pane repeats forms and route in full.
        let lines: Vec<Line<'_>> = self
            .lines(area.height.min(4), area.width)
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
