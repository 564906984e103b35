//! DailyMed SPL XML labels (`<document xmlns="urn:hl7-org:v3">`, one label
//! a file) → the neutral [`Label`]. The document is streamed with
//! `quick-xml`: identity comes from its header and product data, text from
//! its sections by LOINC code, with paragraphs, lists and sub-headings kept
//! and highlights (`<excerpt>`) left out. Mapping to a monograph is the
//! label module's, shared with openFDA JSON.

mod blocks;
mod body;
mod identity;
mod refs;
mod titles;
mod walk;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, Event};

use crate::diagnostic::line_column;
use crate::import::label::Label;
use crate::model::SourceKind;
use walk::Walker;

/// How far into a file its root element is looked for.
const SNIFF_BYTES: usize = 4096;

/// Why an SPL file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct SplError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl SplError {
    fn at(text: &str, offset: u64, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, usize::try_from(offset).unwrap_or(usize::MAX));
        SplError {
            line,
            column,
            message: message.into(),
        }
    }
}

/// Whether the text looks like an SPL document: XML whose root element,
/// near the start, is `<document` in the HL7 v3 namespace.
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('<') {
        return false;
    }
    let head = match t.char_indices().nth(SNIFF_BYTES) {
        Some((end, _)) => &t[..end],
        None => t,
    };
    head.contains("<document") && head.contains("urn:hl7-org:v3")
}

/// Reads one SPL document.
pub fn parse(text: &str) -> Result<Label, SplError> {
    let mut reader = Reader::from_str(text);
    let mut walker = Walker::default();
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| SplError::at(text, reader.error_position(), e.to_string()))?;
        let at = |message: String| SplError::at(text, before, message);
        match event {
            Event::Start(e) => walker.start(&e).map_err(at)?,
            Event::Empty(e) => {
                walker.start(&e).map_err(at)?;
                walker.end();
            }
            Event::End(_) => walker.end(),
            Event::Text(t) => walker.text(&t.xml10_content()),
            Event::CData(c) => walker.text(&c.xml10_content()),
            Event::GeneralRef(r) => walker.text(&resolve(&r).map_err(at)?),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !walker.is_closed() {
        return Err(SplError::at(
            text,
            text.len() as u64,
            "the file ends before </document>",
        ));
    }
    Ok(into_label(walker))
}

/// `&amp;`, `&#8226;` and the other predefined references.
fn resolve(r: &BytesRef) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = r.xml10_content();
    match name.as_ref() {
        "amp" => Ok("&".into()),
        "lt" => Ok("<".into()),
        "gt" => Ok(">".into()),
        "quot" => Ok("\"".into()),
        "apos" => Ok("'".into()),
        other => Err(format!(
            "unknown entity &{other}; (XML defines only amp, lt, gt, quot and apos)"
        )),
    }
}

fn into_label(walker: Walker) -> Label {
    let Walker { id, body, .. } = walker;
    Label {
        generic_names: id.generic_names(),
        brand_names: id.brand_names(),
        routes: id.routes(),
        dosage_forms: id.forms(),
        pharm_classes: Vec::new(),
        labeller: id.labeller,
        set_id: id.set_id,
        version: id.version,
        effective_time: id.effective_time,
        product_type: id.product_type,
        source_kind: SourceKind::DailymedSpl,
        sections: body.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::label::{Block, Field, ProductType};

    const LABEL: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:hl7-org:v3">
  <code code="34391-3" codeSystem="2.16.840.1.113883.6.1"/>
  <title>Highlights</title>
  <effectiveTime value="20130927"/>
  <setId root="abc-123"/>
  <versionNumber value="7"/>
  <author><assignedEntity><representedOrganization>
    <name>Maker &amp; Co</name>
    <assignedEntity><assignedOrganization><name>Plant</name></assignedOrganization></assignedEntity>
  </representedOrganization></assignedEntity></author>
  <component><structuredBody>
    <component><section><code code="48780-1"/>
      <subject><manufacturedProduct><manufacturedProduct>
        <name>Brandex<suffix>XR</suffix></name>
        <formCode code="C1" displayName="TABLET"/>
        <asEntityWithGeneric><genericMedicine><name>examplamab</name></genericMedicine></asEntityWithGeneric>
        <ingredient classCode="ACTIB"><ingredientSubstance><name>EXAMPLAMAB</name>
          <activeMoiety><activeMoiety><name>MOIETY</name></activeMoiety></activeMoiety></ingredientSubstance></ingredient>
      </manufacturedProduct>
      <consumedIn><substanceAdministration><routeCode displayName="ORAL"/></substanceAdministration></consumedIn>
      </manufacturedProduct></subject>
    </section></component>
    <component><section><code code="34067-9"/><title>1 INDICATIONS &amp; USAGE</title>
      <text><paragraph>Brandex is indicated for pain <linkHtml href="#s1">(1.1)</linkHtml>.</paragraph></text>
      <excerpt><highlight><text><paragraph>Brandex is indicated (1)</paragraph></text></highlight></excerpt>
    </section></component>
  </structuredBody></component>
</document>"##;

    #[test]
    fn identity_comes_from_the_header_and_product_data() {
        let label = parse(LABEL).unwrap();
        assert_eq!(label.set_id.as_deref(), Some("abc-123"));
        assert_eq!(label.version.as_deref(), Some("7"));
        assert_eq!(label.effective_time.as_deref(), Some("20130927"));
        assert_eq!(label.product_type, Some(ProductType::Prescription));
        assert_eq!(label.labeller.as_deref(), Some("Maker & Co"));
        assert_eq!(label.brand_names, ["Brandex XR"]);
        assert_eq!(label.generic_names, ["examplamab"]);
        assert_eq!(label.dosage_forms, ["TABLET"]);
        assert_eq!(label.routes, ["ORAL"]);
        assert_eq!(label.source_kind, SourceKind::DailymedSpl);
    }

    #[test]
    fn sections_keep_text_and_drop_highlights_and_linked_numbers() {
        let label = parse(LABEL).unwrap();
        assert_eq!(label.sections.len(), 1);
        let s = &label.sections[0];
        assert_eq!(s.field, Field::IndicationsAndUsage);
        assert_eq!(s.title, "INDICATIONS & USAGE");
        assert_eq!(
            s.blocks,
            [Block::Paragraph("Brandex is indicated for pain.".into())]
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let broken = "<document xmlns=\"urn:hl7-org:v3\">\n  <section>\n  </text>\n</document>";
        let e = parse(broken).unwrap_err();
        assert_eq!((e.line, e.column), (3, 3), "{e}");
        assert!(e.message.contains("section"), "{e}");

        let e = parse("<document xmlns=\"urn:hl7-org:v3\">\n<a>&nbsp;</a></document>").unwrap_err();
        assert_eq!((e.line, e.column), (2, 4), "{e}");
        assert!(e.message.contains("&nbsp;"), "{e}");

        let e = parse("<?xml version=\"1.0\"?>\n<html/>").unwrap_err();
        assert!(e.message.contains("<html>"), "{e}");

        let e = parse("<document xmlns=\"urn:hl7-org:v3\">\n<section>").unwrap_err();
        assert_eq!(e.line, 2, "{e}");

        let deep = format!(
            "<document>{}{}</document>",
            "<a>".repeat(walk::MAX_DEPTH),
            "</a>".repeat(walk::MAX_DEPTH)
        );
        assert!(parse(&deep).unwrap_err().message.contains("deep"));
    }

    #[test]
    fn many_sections_deep_inside_others_read_in_linear_time() {
        // Each section once asked every section around it for its field:
        // 10,000 siblings 200 deep took seconds.
        let depth = 200;
        let open = "<section><title>Usage in pregnancy, a long title to match</title>";
        let sibling = "<section><title>A sibling with a long title to match</title></section>";
        let xml = format!(
            "<document xmlns=\"urn:hl7-org:v3\">{}{}{}</document>",
            open.repeat(depth),
            sibling.repeat(10_000),
            "</section>".repeat(depth)
        );
        let started = std::time::Instant::now();
        assert!(parse(&xml).unwrap().sections.is_empty());
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_millis(2500), "{took:?}");
    }

    #[test]
    fn detection_wants_the_hl7_document_root() {
        assert!(looks_like(LABEL));
        let with_bom = format!("\u{feff}{LABEL}");
        assert!(looks_like(&with_bom));
        assert_eq!(parse(&with_bom).unwrap().set_id.as_deref(), Some("abc-123"));
        assert!(looks_like("\u{feff}  <document xmlns=\"urn:hl7-org:v3\"/>"));
        assert!(!looks_like("<html><body>urn:hl7-org:v3</body></html>"));
        assert!(!looks_like("# Document\n\nurn:hl7-org:v3 <document"));
        assert!(!looks_like("{\"results\": []}"));
    }
}
