//! How far a long step has got, as loading and indexing report it.

/// How far a long step has got: files read and parsed, or monographs
/// indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// How many are done.
    pub done: usize,
    /// How many there are.
    pub total: usize,
}
