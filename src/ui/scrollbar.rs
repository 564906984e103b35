//! The scrollbar beside a page of text, drawn only when the text is
//! longer than the page: one look for the pane, the FAQ browser and the
//! interaction check.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

/// Draws the scrollbar in `area` for `lines` lines shown `height` at a
/// time from `scroll`; nothing when all of them fit.
pub fn render(area: Rect, buf: &mut Buffer, lines: usize, height: usize, scroll: usize) {
    if lines <= height {
        return;
    }
    let mut state = ScrollbarState::new(lines.saturating_sub(height))
        .position(scroll)
        .viewport_content_length(height);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(area, buf, &mut state);
}
