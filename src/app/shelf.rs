//! The browser's drugs: every monograph's listing, and the content of those
//! read. The bundled library alone is held whole. A user's library is
//! listed, from the stored catalogue or from the files just read (which
//! indexing then lets go): a monograph is read from its file when it is
//! first shown (as `less` reads what it shows), so a large library costs
//! the memory of its list and index, not of every text. The FAQ browser, which shows every
//! monograph's questions, has the rest read in the background
//! ([`ReadAll`]).

use std::sync::Arc;

use crate::cache::catalogue;
use crate::diagnostic::Diagnostic;
use crate::load::Origin;
use crate::model::Monograph;

/// Whether a listed drug's content is in memory.
#[derive(Debug, Clone, PartialEq)]
enum Content {
    /// Not read yet: the drug is the catalogue's stub.
    Listed,
    /// Read and parsed.
    Read,
    /// Its file could not be read as listed: why, in words.
    Unreadable(String),
}

/// Every drug, sorted by name, and where to read the content of those
/// only listed.
#[derive(Debug, Clone)]
pub struct Shelf {
    /// Whole monographs, or the catalogue's stubs where not read yet.
    drugs: Arc<[Monograph]>,
    /// For a listed library: each drug's file, and whether it is read.
    listed: Option<Listed>,
}

#[derive(Debug, Clone)]
struct Listed {
    origins: Arc<[Origin]>,
    content: Vec<Content>,
}

impl Default for Shelf {
    fn default() -> Self {
        Self::whole(Arc::from([]))
    }
}

impl Shelf {
    /// Monographs read whole.
    pub fn whole(drugs: Arc<[Monograph]>) -> Self {
        Self {
            drugs,
            listed: None,
        }
    }

    /// The stubs of a stored catalogue, each read from its origin when
    /// first asked for.
    pub fn listed(stubs: Arc<[Monograph]>, origins: Arc<[Origin]>) -> Self {
        let content = vec![Content::Listed; stubs.len()];
        Self {
            drugs: stubs,
            listed: Some(Listed { origins, content }),
        }
    }

    /// Every drug's listing (names, brands, class, review), and its
    /// content where read: for the list and name lookups.
    pub fn drugs(&self) -> &[Monograph] {
        &self.drugs
    }

    /// The drugs as [`Shelf::drugs`], shared: reading content into a shelf
    /// whose drugs are shared copies them first.
    pub fn shared(&self) -> Arc<[Monograph]> {
        Arc::clone(&self.drugs)
    }

    /// Whether `other` is a listing of the same drugs, each listed alike
    /// from the same file: a list made again from unchanged files.
    pub fn lists_as(&self, other: &Shelf) -> bool {
        let (Some(mine), Some(theirs)) = (&self.listed, &other.listed) else {
            return false;
        };
        let alike = |i: usize| {
            catalogue::listed_alike(
                (&self.drugs[i], &mine.origins[i]),
                (&other.drugs[i], &theirs.origins[i]),
            )
        };
        self.drugs.len() == other.drugs.len() && (0..self.drugs.len()).all(alike)
    }

    /// Whether every drug's content is in memory.
    pub fn is_whole(&self) -> bool {
        self.listed
            .as_ref()
            .is_none_or(|l| !l.content.contains(&Content::Listed))
    }

    /// Drug `i`'s monograph, if its content is read.
    pub fn content(&self, i: usize) -> Option<&Monograph> {
        let read = match &self.listed {
            None => true,
            Some(listed) => listed.content.get(i) == Some(&Content::Read),
        };
        self.drugs.get(i).filter(|_| read)
    }

    /// Why drug `i`'s content could not be read, if it could not.
    pub fn problem(&self, i: usize) -> Option<&str> {
        match self.listed.as_ref()?.content.get(i)? {
            Content::Unreadable(why) => Some(why),
            _ => None,
        }
    }

    /// Reads drug `i`'s content from its file, if it is only listed; says
    /// whether the content is there.
    pub fn open(&mut self, i: usize) -> bool {
        let Some(listed) = &self.listed else {
            return i < self.drugs.len();
        };
        if listed.content.get(i) != Some(&Content::Listed) {
            return self.content(i).is_some();
        }
        let read = catalogue::read_listed(&self.drugs[i], &listed.origins[i]);
        self.put(i, read);
        self.content(i).is_some()
    }

    /// Reads every drug only listed, here and now: for what needs the
    /// whole library at once and is slow anyway (rebuilding the index).
    pub fn open_all(&mut self) {
        for i in 0..self.drugs.len() {
            self.open(i);
        }
    }

    /// What reading the rest in the background needs, if anything is left
    /// to read.
    pub fn read_all(&self) -> Option<ReadAll> {
        let listed = self.listed.as_ref().filter(|_| !self.is_whole())?;
        Some(ReadAll {
            drugs: Arc::clone(&self.drugs),
            origins: Arc::clone(&listed.origins),
        })
    }

    /// Takes in what [`ReadAll::run`] read: drugs this shelf read since
    /// are kept as they are. Returns the problems of those that could not
    /// be read.
    pub fn take_read(&mut self, read: Vec<Result<Monograph, Diagnostic>>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (i, result) in read.into_iter().enumerate() {
            let listed = self.listed.as_ref().and_then(|l| l.content.get(i));
            if listed == Some(&Content::Listed) {
                if let Err(problem) = &result {
                    problems.push(problem.clone());
                }
                self.put(i, result);
            }
        }
        problems
    }

    /// Records drug `i`'s content, or why it could not be read.
    fn put(&mut self, i: usize, read: Result<Monograph, impl ToString>) {
        let content = match read {
            Ok(monograph) => {
                // Shared only while the loader still holds the list it sent.
                if Arc::get_mut(&mut self.drugs).is_none() {
                    self.drugs = self.drugs.iter().cloned().collect();
                }
                if let Some(slot) = Arc::get_mut(&mut self.drugs).and_then(|d| d.get_mut(i)) {
                    *slot = monograph;
                }
                Content::Read
            }
            Err(why) => Content::Unreadable(why.to_string()),
        };
        if let Some(slot) = self.listed.as_mut().and_then(|l| l.content.get_mut(i)) {
            *slot = content;
        }
    }
}

/// Reading every listed drug's content off the input thread.
#[derive(Debug)]
pub struct ReadAll {
    drugs: Arc<[Monograph]>,
    origins: Arc<[Origin]>,
}

impl ReadAll {
    /// Reads each drug's file, in order, on both cores: its monograph, or
    /// why it could not be read as listed.
    pub fn run(&self) -> Vec<Result<Monograph, Diagnostic>> {
        let listed: Vec<(&Monograph, &Origin)> =
            self.drugs.iter().zip(self.origins.iter()).collect();
        crate::parallel::in_halves(&listed, crate::parallel::two_cores(), |part| {
            part.iter()
                .map(|(stub, origin)| {
                    catalogue::read_listed(stub, origin)
                        .map_err(|why| why.into_problem(&origin.path))
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testamol() -> Monograph {
        let toml = include_str!("../../tests/fixtures/good/testamol.toml");
        crate::load::parse_monograph("testamol.toml", toml.as_bytes()).expect("valid")
    }

    fn listed(drugs: Vec<Monograph>) -> Shelf {
        let origins: Arc<[Origin]> = (0..drugs.len())
            .map(|i| Origin {
                path: format!("drug-{i}.toml"),
                bundled: false,
            })
            .collect();
        Shelf::listed(drugs.into(), origins)
    }

    #[test]
    fn a_list_made_again_is_the_same_only_if_every_drug_is_listed_alike() {
        let mut read = listed(vec![testamol()]);
        assert!(read.lists_as(&listed(vec![testamol()])));
        // Read whole here, a stub there: listed alike all the same.
        read.put(0, Ok::<_, String>(testamol()));
        let mut stub = testamol();
        stub.faqs.clear();
        assert!(read.lists_as(&listed(vec![stub])));
        let mut rebranded = testamol();
        rebranded.brands.push("Newbrand".into());
        assert!(!read.lists_as(&listed(vec![rebranded])));
        assert!(!read.lists_as(&listed(vec![testamol(), testamol()])));
        assert!(!read.lists_as(&Shelf::whole(Arc::from([testamol()]))));
        assert!(!Shelf::whole(Arc::from([testamol()])).lists_as(&read));
    }
}
