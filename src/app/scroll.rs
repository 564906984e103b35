//! How the moving keys scroll a page of text with no cursor of its own
//! (the interaction check, a comparison): one rule for every such page.

use super::Action;

/// Lines the mouse wheel moves at a notch.
const WHEEL_LINES: isize = 3;

/// Where `action` puts the first visible line of a text of `lines` lines
/// shown `height` at a time, from `scroll`; `None` when it does not
/// scroll.
pub fn scrolled(action: Action, scroll: usize, lines: usize, height: usize) -> Option<usize> {
    let height = height.max(1);
    let last = lines.saturating_sub(height);
    let to = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll + 1,
        Action::ScrollPane(delta) => scroll.saturating_add_signed(isize::from(delta) * WHEEL_LINES),
        Action::PageUp => scroll.saturating_sub(height),
        Action::PageDown => scroll + height,
        Action::HalfPageUp => scroll.saturating_sub(height / 2),
        Action::HalfPageDown => scroll + height / 2,
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to.min(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_ends_stay_within_the_text() {
        // 50 lines, 10 at a time: the last page starts at line 40.
        assert_eq!(scrolled(Action::PageDown, 35, 50, 10), Some(40));
        assert_eq!(scrolled(Action::Bottom, 0, 50, 10), Some(40));
        assert_eq!(scrolled(Action::HalfPageUp, 3, 50, 10), Some(0));
        assert_eq!(scrolled(Action::ScrollPane(-1), 5, 50, 10), Some(2));
        // Shorter than the screen: nowhere to go.
        assert_eq!(scrolled(Action::Down, 0, 4, 10), Some(0));
        assert_eq!(scrolled(Action::Accept, 7, 50, 10), None);
    }
}
