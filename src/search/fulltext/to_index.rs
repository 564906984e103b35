//! What an index build is handed a drug as: its id and name, known before
//! its monograph is wanted, and the monograph, which may be read only when
//! the build comes to it. A browser's first start hands the build drugs it
//! has listed but not kept (see `cache::catalogue::ReadWhenIndexed`), so the whole
//! library is never in memory beside the index being built.

use crate::model::Monograph;

/// A drug handed to an index build.
pub trait ToIndex: Send {
    /// Its id in the library.
    fn id(&self) -> &str;

    /// Its generic name, by which a build numbers the drugs.
    fn name(&self) -> &str;

    /// The monograph to index; a build asks for it once, as it comes to
    /// the drug, and lets the drug go straight after.
    fn monograph(&self) -> &Monograph;
}

impl ToIndex for Monograph {
    fn id(&self) -> &str {
        &self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn monograph(&self) -> &Monograph {
        self
    }
}

/// A drug lent: what it is, asked where it is.
impl<T: ToIndex + Sync> ToIndex for &T {
    fn id(&self) -> &str {
        (**self).id()
    }

    fn name(&self) -> &str {
        (**self).name()
    }

    fn monograph(&self) -> &Monograph {
        (**self).monograph()
    }
}
