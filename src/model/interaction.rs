//! One entry of a monograph's interaction list: plain text, or a structured
//! entry naming what it interacts with, what happens, and what to do.
//!
//! Both forms live in the same `interactions` list so that a user's files and
//! imported labels (plain text) keep working beside the bundled library's
//! structured entries. The interaction check matches a structured entry by
//! what it names in `with`, and a plain one by its words.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// One interaction entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Interaction {
    /// Free text, e.g. "Warfarin: INR may need checking".
    Text(String),
    /// What it interacts with, what happens, what to do.
    Structured(InteractionEntry),
}

/// A structured interaction entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionEntry {
    /// What it interacts with, each by a drug's name, brand or alias, a
    /// class's name or id (`nsaids`), or a food or drink (`alcohol`).
    pub with: Vec<String>,
    /// What happens, in plain words.
    pub effect: String,
    /// What to do, as the label says it.
    pub action: Action,
}

/// What to do about an interaction, as the label says it. There is no
/// severity scale: a label's own instruction is all rxdoc repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// The label says not to combine them (contraindicated, avoid).
    #[serde(rename = "avoid")]
    Avoid,
    /// The label says a doctor should decide: a dose change, spacing
    /// doses, or using them together only with care.
    #[serde(rename = "ask first")]
    AskFirst,
    /// The label says they can be combined with checks (blood tests,
    /// blood pressure, watching for symptoms).
    #[serde(rename = "monitor")]
    Monitor,
}

impl InteractionEntry {
    /// What it interacts with, as the start of a line a reader scans.
    pub fn names(&self) -> String {
        capitalised(&self.with.join(", "))
    }
}

impl Action {
    /// The value written in a monograph file.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Avoid => "avoid",
            Action::AskFirst => "ask first",
            Action::Monitor => "monitor",
        }
    }

    /// What to do, in a reader's words.
    pub fn advice(self) -> &'static str {
        match self {
            Action::Avoid => "Avoid taking them together",
            Action::AskFirst => "Ask your doctor or pharmacist before taking them together",
            Action::Monitor => "Can be taken together with extra checks",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Interaction {
    /// The entry as one line a reader scans: "Warfarin, NSAIDs: bleeding
    /// is more likely. Ask your doctor or pharmacist before …".
    pub fn line(&self) -> String {
        match self {
            Interaction::Text(text) => text.clone(),
            Interaction::Structured(e) => format!(
                "{}: {}. {}.",
                e.names(),
                e.effect.trim().trim_end_matches('.'),
                e.action.advice()
            ),
        }
    }

    /// The structured entry, if this is one.
    pub fn entry(&self) -> Option<&InteractionEntry> {
        match self {
            Interaction::Text(_) => None,
            Interaction::Structured(e) => Some(e),
        }
    }

    /// Calls `f` on every string of the entry, for sanitising in place
    /// (without collecting them: this runs for every entry of every file).
    pub fn for_each_text_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        match self {
            Interaction::Text(text) => f(text),
            Interaction::Structured(e) => {
                e.with.iter_mut().for_each(&mut *f);
                f(&mut e.effect);
            }
        }
    }
}

/// `text` with its first letter upper case: a list of names starts a line.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A sentence entry equals its text; a structured one equals no text.
impl PartialEq<&str> for Interaction {
    fn eq(&self, other: &&str) -> bool {
        matches!(self, Interaction::Text(text) if text == other)
    }
}

impl From<String> for Interaction {
    fn from(text: String) -> Self {
        Interaction::Text(text)
    }
}

impl From<&str> for Interaction {
    fn from(text: &str) -> Self {
        Interaction::Text(text.to_string())
    }
}

/// Hand-written rather than `#[serde(untagged)]`: an untagged enum reports
/// only "did not match any variant", while this keeps the structured
/// entry's own message ("unknown field `acton`") and its position.
impl<'de> Deserialize<'de> for Interaction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntryVisitor;

        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Interaction;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a sentence, or a table with `with`, `effect` and `action` \
                     (\"avoid\", \"ask first\" or \"monitor\")",
                )
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Interaction, E> {
                Ok(Interaction::Text(text.to_string()))
            }

            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Interaction, M::Error> {
                InteractionEntry::deserialize(MapAccessDeserializer::new(map))
                    .map(Interaction::Structured)
            }
        }

        d.deserialize_any(EntryVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    struct List {
        interactions: Vec<Interaction>,
    }

    #[test]
    fn text_and_tables_read_side_by_side() {
        let list: List = toml::from_str(
            r#"interactions = [
                "Antacids: take two hours apart",
                { with = ["warfarin", "NSAIDs"], effect = "Bleeding is more likely.", action = "ask first" },
            ]"#,
        )
        .unwrap();
        assert_eq!(
            list.interactions[0],
            Interaction::Text("Antacids: take two hours apart".into())
        );
        let entry = list.interactions[1].entry().unwrap();
        assert_eq!(entry.with, ["warfarin", "NSAIDs"]);
        assert_eq!(entry.action, Action::AskFirst);
        assert_eq!(
            list.interactions[1].line(),
            "Warfarin, NSAIDs: Bleeding is more likely. \
             Ask your doctor or pharmacist before taking them together."
        );
    }

    #[test]
    fn a_misspelt_key_is_named_with_its_line() {
        let err = toml::from_str::<List>(
            "interactions = [\n  { with = [\"alcohol\"], effect = \"Drowsy\", acton = \"avoid\" },\n]",
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("unknown field `acton`"), "{message}");
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn an_invented_action_is_refused_with_the_allowed_ones() {
        let err = toml::from_str::<List>(
            "interactions = [{ with = [\"alcohol\"], effect = \"Drowsy\", action = \"severe\" }]",
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("`avoid`, `ask first`, `monitor`"),
            "{message}"
        );
    }

    #[test]
    fn tables_written_back_read_the_same() {
        let list = List {
            interactions: vec![
                Interaction::Structured(InteractionEntry {
                    with: vec!["alcohol".into()],
                    effect: "More drowsy".into(),
                    action: Action::Avoid,
                }),
                "Plain entry".into(),
            ],
        };
        let text = toml::to_string(&list).unwrap();
        let back: List = toml::from_str(&text).unwrap();
        assert_eq!(back.interactions, list.interactions);
    }
}
