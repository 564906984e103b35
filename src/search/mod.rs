//! Finding drugs: by name as the user types ([`names`]), and by any word in
//! any pane ([`fulltext`]).

pub mod fulltext;
pub mod names;
pub mod normalize;
pub mod synonyms;
pub mod typo;
