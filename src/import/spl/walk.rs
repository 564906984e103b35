//! Streams an SPL document's elements into identity and sections. Only a
//! stack of element kinds is kept, never a tree: memory grows with the text
//! kept, not with the markup.

use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;

use super::body::Body;
use super::identity::{Identity, NameOf};

/// The deepest nesting read; real labels stay under 40.
pub(super) const MAX_DEPTH: usize = 256;

/// The elements the reader acts on; everything else is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Document,
    Code,
    Title,
    SetId,
    VersionNumber,
    EffectiveTime,
    Author,
    AssignedEntity,
    RepresentedOrganization,
    Name,
    Suffix,
    ManufacturedProduct,
    ManufacturedMedicine,
    GenericMedicine,
    FormCode,
    RouteCode,
    Ingredient,
    IngredientSubstance,
    /// A kit's part.
    Part,
    PartProduct,
    Section,
    Text,
    Excerpt,
    Paragraph,
    List,
    Item,
    Table,
    Row,
    Cell,
    Caption,
    Break,
    /// `<content styleCode="bold">`.
    Bold,
    /// `<linkHtml href="#…">`: a link inside the label.
    Link,
    /// Images and footnotes: no running text.
    Skip,
    Other,
}

impl Tag {
    fn of(e: &BytesStart) -> Tag {
        match e.local_name().into_inner() {
            "document" => Tag::Document,
            "code" => Tag::Code,
            "title" => Tag::Title,
            "setId" => Tag::SetId,
            "versionNumber" => Tag::VersionNumber,
            "effectiveTime" => Tag::EffectiveTime,
            "author" => Tag::Author,
            "assignedEntity" => Tag::AssignedEntity,
            "representedOrganization" => Tag::RepresentedOrganization,
            "name" => Tag::Name,
            "suffix" => Tag::Suffix,
            "manufacturedProduct" => Tag::ManufacturedProduct,
            "manufacturedMedicine" => Tag::ManufacturedMedicine,
            "genericMedicine" => Tag::GenericMedicine,
            "formCode" => Tag::FormCode,
            "routeCode" => Tag::RouteCode,
            "ingredient" => Tag::Ingredient,
            "ingredientSubstance" => Tag::IngredientSubstance,
            "part" => Tag::Part,
            "partProduct" => Tag::PartProduct,
            "section" => Tag::Section,
            "text" => Tag::Text,
            "excerpt" => Tag::Excerpt,
            "paragraph" => Tag::Paragraph,
            "list" => Tag::List,
            "item" => Tag::Item,
            "table" => Tag::Table,
            "tr" => Tag::Row,
            "td" | "th" => Tag::Cell,
            "caption" => Tag::Caption,
            "br" => Tag::Break,
            "content"
                if attr(e, "styleCode").is_some_and(|s| s.to_lowercase().contains("bold")) =>
            {
                Tag::Bold
            }
            "linkHtml" if attr(e, "href").is_some_and(|h| h.starts_with('#')) => Tag::Link,
            "renderMultiMedia" | "footnote" | "observationMedia" => Tag::Skip,
            _ => Tag::Other,
        }
    }
}

/// An attribute's value, entities resolved and trimmed; a malformed
/// attribute reads as absent.
fn attr(e: &BytesStart, key: &str) -> Option<String> {
    let a = e.try_get_attribute(key).ok()??;
    let value = a.normalized_value(XmlVersion::Implicit1_0).ok()?;
    Some(value.trim().to_string())
}

/// Text being collected for a `<name>` or a section `<title>`.
#[derive(Debug)]
struct Capture {
    /// Stack depth of the element whose text it is.
    at: usize,
    of: Option<NameOf>,
    text: String,
}

/// The walk's state between events.
#[derive(Debug, Default)]
pub(super) struct Walker {
    stack: Vec<Tag>,
    /// Stack depth of a subtree being skipped (highlights, images).
    skip_at: Option<usize>,
    capture: Option<Capture>,
    /// Stack depth of the section `<text>` being read.
    text_at: Option<usize>,
    active_ingredient: bool,
    /// Stack depth of the kit `<part>` being read.
    part_at: Option<usize>,
    root_closed: bool,
    pub id: Identity,
    pub body: Body,
}

impl Walker {
    /// Whether every element opened has closed.
    pub fn is_closed(&self) -> bool {
        self.stack.is_empty() && self.root_closed
    }

    /// An element opens (an empty element opens, then [`Walker::end`]).
    pub fn start(&mut self, e: &BytesStart) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("elements nest more than {MAX_DEPTH} deep"));
        }
        let tag = Tag::of(e);
        if self.stack.is_empty() {
            if self.root_closed {
                return Err("a second root element after </document>".into());
            }
            if tag != Tag::Document {
                return Err(format!(
                    "not an SPL document: the root element is <{}>, not <document>",
                    e.local_name().into_inner()
                ));
            }
        }
        let depth = self.stack.len();
        let parent = self.stack.last().copied();
        self.stack.push(tag);
        if self.skip_at.is_some() {
            return Ok(());
        }
        if let Some(capture) = &mut self.capture {
            // "TRIAMINIC<suffix>Childrens…</suffix>" reads as two words.
            if tag == Tag::Suffix {
                capture.text.push(' ');
            }
            return Ok(());
        }
        if self.text_at.is_some() {
            self.text_start(tag, depth);
            return Ok(());
        }
        self.identity_start(tag, parent, e, depth);
        match (tag, parent) {
            (Tag::Section, _) => self.body.open_section(),
            (Tag::Code, Some(Tag::Section)) => self.body.set_code(attr(e, "code")),
            (Tag::Title, Some(Tag::Section)) => self.capture(depth, None),
            (Tag::Text, Some(Tag::Section)) => {
                self.body.open_text();
                self.text_at = Some(depth);
            }
            // Highlights repeat the full sections in short.
            (Tag::Excerpt, Some(Tag::Section)) => self.skip_at = Some(depth),
            _ => {}
        }
        Ok(())
    }

    /// The innermost open element closes.
    pub fn end(&mut self) {
        let Some(tag) = self.stack.pop() else {
            return;
        };
        let depth = self.stack.len();
        if let Some(at) = self.skip_at {
            if depth == at {
                self.skip_at = None;
            }
            return;
        }
        if let Some(capture) = &self.capture {
            if capture.at == depth {
                self.finish_capture();
            }
            return;
        }
        if let Some(at) = self.text_at {
            if depth == at {
                self.body.close_text();
                self.text_at = None;
            } else {
                self.text_end(tag);
            }
            return;
        }
        match tag {
            Tag::Section => self.body.close_section(),
            Tag::Ingredient => self.active_ingredient = false,
            Tag::Part if self.part_at == Some(depth) => self.part_at = None,
            Tag::Document if depth == 0 => self.root_closed = true,
            _ => {}
        }
    }

    /// Character data, entities resolved.
    pub fn text(&mut self, text: &str) {
        if self.skip_at.is_some() {
            return;
        }
        if let Some(capture) = &mut self.capture {
            capture.text.push_str(text);
        } else if self.text_at.is_some()
            && let Some(builder) = self.body.text()
        {
            builder.text(text);
        }
    }

    fn identity_start(&mut self, tag: Tag, parent: Option<Tag>, e: &BytesStart, depth: usize) {
        match (tag, parent) {
            (Tag::Code, Some(Tag::Document)) => self.id.document_type(
                attr(e, "code").as_deref(),
                attr(e, "displayName").as_deref(),
            ),
            (Tag::SetId, Some(Tag::Document)) => self.id.set_id = attr(e, "root"),
            (Tag::VersionNumber, Some(Tag::Document)) => self.id.version = attr(e, "value"),
            (Tag::EffectiveTime, Some(Tag::Document)) => {
                if let Some(v) = attr(e, "value") {
                    self.id.effective_time(&v);
                }
            }
            (Tag::Name, _) => {
                if let Some(of) = self.name_of() {
                    self.capture(depth, Some(of));
                }
            }
            (Tag::Part, _) => {
                self.part_at.get_or_insert(depth);
            }
            (
                Tag::FormCode,
                Some(Tag::ManufacturedProduct | Tag::ManufacturedMedicine | Tag::PartProduct),
            ) => {
                let in_part = self.part_at.is_some();
                self.id.form(attr(e, "displayName").as_deref(), in_part);
            }
            (Tag::RouteCode, _) => {
                let in_part = self.part_at.is_some();
                self.id.route(attr(e, "displayName").as_deref(), in_part);
            }
            (Tag::Ingredient, _) => {
                // ACTIB (basis of strength), ACTIM (moiety), ACTIR (reference).
                self.active_ingredient =
                    attr(e, "classCode").is_some_and(|c| c.starts_with("ACTI"));
            }
            _ => {}
        }
    }

    /// Which identity name a `<name>` just opened holds, from where it sits.
    fn name_of(&self) -> Option<NameOf> {
        let up = |k: usize| {
            self.stack
                .len()
                .checked_sub(k + 1)
                .and_then(|i| self.stack.get(i).copied())
        };
        match (up(1), up(2), up(3)) {
            (Some(Tag::RepresentedOrganization), Some(Tag::AssignedEntity), Some(Tag::Author)) => {
                Some(NameOf::Labeller)
            }
            (
                Some(Tag::ManufacturedProduct | Tag::ManufacturedMedicine),
                Some(Tag::ManufacturedProduct),
                _,
            ) => Some(NameOf::Brand),
            (Some(Tag::GenericMedicine), _, _) => Some(NameOf::Generic),
            (Some(Tag::IngredientSubstance), Some(Tag::Ingredient), _)
                if self.active_ingredient =>
            {
                Some(NameOf::ActiveIngredient)
            }
            _ => None,
        }
    }

    fn capture(&mut self, at: usize, of: Option<NameOf>) {
        self.capture = Some(Capture {
            at,
            of,
            text: String::new(),
        });
    }

    fn finish_capture(&mut self) {
        let Some(capture) = self.capture.take() else {
            return;
        };
        match capture.of {
            Some(of) => self.id.name(of, &capture.text, self.part_at.is_some()),
            None => self.body.set_title(&capture.text),
        }
    }

    fn text_start(&mut self, tag: Tag, depth: usize) {
        if tag == Tag::Skip {
            self.skip_at = Some(depth);
            return;
        }
        let Some(b) = self.body.text() else {
            return;
        };
        match tag {
            Tag::Paragraph => b.open_paragraph(),
            Tag::Item => b.open_item(),
            Tag::Cell => b.open_cell(),
            Tag::Caption => b.open_caption(),
            Tag::List => b.open_list(),
            Tag::Table => b.open_table(),
            Tag::Break => b.line_break(),
            Tag::Bold => b.bold(true),
            Tag::Link => b.link(true),
            _ => {}
        }
    }

    fn text_end(&mut self, tag: Tag) {
        let Some(b) = self.body.text() else {
            return;
        };
        match tag {
            Tag::Paragraph | Tag::Item | Tag::Cell | Tag::Caption => b.close_container(),
            Tag::List => b.close_list(),
            Tag::Table => b.close_table(),
            Tag::Row => b.close_row(),
            Tag::Bold => b.bold(false),
            Tag::Link => b.link(false),
            _ => {}
        }
    }
}
