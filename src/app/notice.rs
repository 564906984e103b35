//! The load-problems notice: a list of problems that may run to many
//! thousands, scrolled a problem at a time.

use super::{Action, App};

impl App {
    /// Scrolls the notice for a movement action; others are ignored.
    pub(super) fn scroll_notice(&mut self, action: Action) {
        let page = usize::from(self.viewport.notice_rows.max(1)) as isize;
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
            _ => return,
        };
        let last = self.diagnostics.len().saturating_sub(1);
        self.notice_offset = self.notice_offset.saturating_add_signed(delta).min(last);
    }
}
