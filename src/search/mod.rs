//! Finding drugs: by name as the user types ([`names`]), and by any word in
//! any pane ([`fulltext`]).

pub mod names;
pub mod typo;
