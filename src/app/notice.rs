//! Scrolling the overlays: the load-problems notice, a list of problems
//! that may run to many thousands, scrolled a problem at a time, and the
//! key help, taller than a small terminal.

use super::{Action, App};
use crate::narrow::to_isize;

impl App {
    /// Scrolls the notice for a movement action; others are ignored.
    pub(super) fn scroll_notice(&mut self, action: Action) {
        let page = usize::from(self.viewport.notice_rows.max(1));
        let last = self.diagnostics.len().saturating_sub(1);
        self.notice_offset = scrolled(self.notice_offset, action, page, last);
    }

    /// Scrolls the key help when it is taller than its window.
    pub(super) fn scroll_help(&mut self, action: Action) {
        let rows = self.viewport.help_rows.max(1);
        let last = usize::from(self.viewport.help_lines.saturating_sub(rows));
        self.help_offset = scrolled(self.help_offset, action, usize::from(rows), last);
    }
}

/// Where a scrolling action takes the first row shown of an overlay,
/// `page` rows high, whose first row can be at most `last`.
fn scrolled(offset: usize, action: Action, page: usize, last: usize) -> usize {
    let page = to_isize(page);
    let delta = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::HalfPageUp => -page / 2,
        Action::HalfPageDown => page / 2,
        Action::ScrollList(d) | Action::ScrollPane(d) => isize::from(d) * 3,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return offset,
    };
    offset.saturating_add_signed(delta).min(last)
}
