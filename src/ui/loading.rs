//! What the browser shows while its data loads in the background: a count of
//! files read with a progress bar, then, while search is being built, a
//! count of monographs indexed with a progress bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};

use crate::app::Status;
use crate::theme::Theme;

/// The waiting message for `status`, or nothing once the data it needs is
/// there. `needs_index`: the screen needs the full-text index, not just the list.
pub fn message(status: Status, needs_index: bool) -> Option<String> {
    match status {
        Status::Listed(_) if !needs_index => None,
        Status::Loading(p) | Status::Listed(p) if p.total == 0 => {
            Some("Loading monographs…".into())
        }
        Status::Loading(p) | Status::Listed(p) => Some(format!(
            "Loading monographs… {} of {} files",
            p.done, p.total
        )),
        Status::Indexing(p) if needs_index => {
            let progress = match (p.done, p.total) {
                (_, 0) => String::new(),
                (done, total) if done == total => {
                    format!(" all {total} monographs indexed, writing it out;")
                }
                (done, total) => format!(" {done} of {total} monographs;"),
            };
            Some(format!(
                "Building the search index…{progress} results appear as soon as \
                 it is ready; keep typing."
            ))
        }
        Status::WaitingForOther if needs_index => Some(
            "Another rxdoc is building the search index… results appear as soon as \
             it is ready; keep typing."
                .into(),
        ),
        Status::Indexing(_) | Status::WaitingForOther | Status::Ready => None,
    }
}

/// The waiting message and, while files are read or indexed, a progress bar.
pub struct Waiting<'a> {
    /// What is being waited for.
    pub status: Status,
    /// Whether the screen needs the full-text index.
    pub needs_index: bool,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for Waiting<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(text) = message(self.status, self.needs_index) else {
            return;
        };
        let [gauge_area, text_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let ratio = match self.status {
            Status::Loading(p) | Status::Listed(p) | Status::Indexing(p) if p.total > 0 => {
                Some(p.done as f64 / p.total as f64)
            }
            _ => None,
        };
        let text_area = match ratio {
            Some(ratio) => {
                LineGauge::default()
                    .ratio(ratio.clamp(0.0, 1.0))
                    .filled_style(self.theme.key)
                    .unfilled_style(self.theme.dim)
                    .render(gauge_area, buf);
                text_area
            }
            None => area,
        };
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(self.theme.dim)
            .render(text_area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_says_when_another_rxdoc_is_building_its_index_and_the_list_does_not() {
        let said = message(Status::WaitingForOther, true).unwrap();
        assert!(
            said.starts_with("Another rxdoc is building the search index…"),
            "{said}"
        );
        assert_eq!(message(Status::WaitingForOther, false), None);
    }
}
