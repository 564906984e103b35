//! Finding drugs: by name as the user types ([`names`]), and by any word in
//! any pane ([`fulltext`]); the index stored between runs is [`crate::cache`].

pub mod fulltext;
pub mod names;
pub mod normalize;
pub mod query_words;
pub mod synonyms;
pub mod typo;
