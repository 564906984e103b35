//! The names a drug is found by, whatever holds them.

use super::Monograph;

/// What a drug is found by: its id and the names a user types. Monographs
/// have them, and so do the stored catalogue's entries, so that both find
/// a drug by one rule.
pub trait Named {
    /// The id.
    fn id(&self) -> &str;
    /// The generic name.
    fn name(&self) -> &str;
    /// Generic name, brands and aliases.
    fn names(&self) -> impl Iterator<Item = &str>;
    /// The related products' brand names.
    fn related_names(&self) -> impl Iterator<Item = &str>;
}

impl Named for Monograph {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn names(&self) -> impl Iterator<Item = &str> {
        Monograph::names(self)
    }
    fn related_names(&self) -> impl Iterator<Item = &str> {
        Monograph::related_names(self)
    }
}
