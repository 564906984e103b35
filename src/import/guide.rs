//! Plain-text patient guides: a title line, `Generic name: x [pro-nun-ci-a-tion]`,
//! `Brand Name:`, `Dosage Form:`, `Drug class:` lines, then sections headed
//! by short lines ("What is X?", "Side effects of X", "How to take X?", …),
//! with bullets marked "•".

use super::draft::Draft;

/// Whether the text looks like a plain-text patient guide.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .take(12)
        .any(|l| l.trim().to_lowercase().starts_with("generic name:"))
}

/// Reads a guide into a draft.
pub fn parse(text: &str) -> Result<Draft, String> {
    let mut d = Draft {
        kind: Some(crate::model::SourceKind::PatientGuide),
        ..Draft::default()
    };
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut header_done = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if !header_done && header_field(&mut d, trimmed) {
            continue;
        }
        if trimmed.is_empty() {
            if let Some((_, body)) = sections.last_mut() {
                body.push(String::new());
            }
            continue;
        }
        if is_heading(trimmed) && (header_done || !d.name.is_empty()) {
            header_done = true;
            sections.push((trimmed.to_string(), Vec::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push(bulleted(line));
        } else if d.name.is_empty() && !trimmed.contains(':') {
            d.aliases.push(trimmed.to_string());
        }
    }
    if d.name.is_empty() {
        return Err("no `Generic name:` line".into());
    }
    if sections.is_empty() {
        return Err("no recognisable sections".into());
    }
    for (heading, body) in sections {
        let text = body.join("\n").trim().to_string();
        d.collect_reproductive(&text);
        apply(&mut d, &heading, &text);
    }
    Ok(d)
}

/// Reads a header line such as `Brand Name: Besponsa`; true if it was one.
fn header_field(d: &mut Draft, line: &str) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim();
    match key.trim().to_lowercase().as_str() {
        "generic name" => {
            let (name, pronunciation) = match value.split_once('[') {
                Some((n, p)) => (n.trim(), p.trim_end_matches(']').trim()),
                None => (value, ""),
            };
            d.name = name.to_string();
            d.pronunciation = pronunciation.to_string();
        }
        "brand name" | "brand names" => d
            .brands
            .extend(value.split(',').map(|b| b.trim().to_string())),
        "dosage form" | "dosage forms" => {
            d.dosage_forms.push(value.trim_end_matches('.').to_string());
        }
        "drug class" => d.drug_class = value.to_string(),
        _ => return false,
    }
    true
}

/// A heading: a short line without a final full stop, asking a question or
/// starting like the guide's section titles.
fn is_heading(line: &str) -> bool {
    let lower = line.to_lowercase();
    let starts = [
        "what is",
        "what are",
        "side effects",
        "before you take",
        "before taking",
        "how to take",
        "how should",
        "what happens if",
        "what should",
        "interaction",
        "how it works",
        "dosage",
        "warnings",
    ];
    line.len() < 90
        && !line.starts_with('•')
        && !line.ends_with('.')
        && !line.ends_with(';')
        && (line.ends_with('?') || starts.iter().any(|s| lower.starts_with(s)))
}

/// Turns "  • item" into a "- item" bullet for the monograph's text format.
fn bulleted(line: &str) -> String {
    match line.trim().strip_prefix('•') {
        Some(item) => format!("- {}", item.trim().trim_end_matches(';')),
        None => line.trim().to_string(),
    }
}

fn apply(d: &mut Draft, heading: &str, text: &str) {
    let lower = heading.to_lowercase();
    if lower.starts_with("what is") || lower.starts_with("what are") {
        let mechanism = [
            "antibody",
            "works by",
            "target",
            "block",
            "binds",
            "linked to",
        ];
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let p = paragraph.to_lowercase();
            if mechanism.iter().any(|m| p.contains(m)) {
                d.how_it_works.push(paragraph.to_string());
            } else if p.contains("used to treat") || p.contains("treat") {
                d.indications.push((paragraph.to_string(), String::new()));
            } else {
                d.summary.push(paragraph.to_string());
            }
        }
    } else if lower.starts_with("side effects") {
        side_effects(d, text);
    } else if lower.starts_with("before you take")
        || lower.starts_with("before taking")
        || lower.starts_with("warnings")
    {
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let items: Vec<&str> = paragraph
                .lines()
                .filter_map(|l| l.strip_prefix("- "))
                .collect();
            if items.is_empty() {
                if !super::text::is_reproductive(paragraph) {
                    d.precaution_notes.push(paragraph.to_string());
                }
            } else {
                d.conditions
                    .extend(items.iter().map(std::string::ToString::to_string));
            }
        }
    } else if lower.starts_with("how to take")
        || lower.starts_with("how should")
        || lower.starts_with("dosage")
    {
        d.how_to_take.push(text.to_string());
    } else if lower.starts_with("interaction") {
        d.interactions.extend(
            text.split("\n\n")
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        );
    } else if lower.ends_with('?') {
        d.faqs.push((heading.to_string(), text.to_string()));
    } else {
        d.unmapped.push((heading.to_string(), text.to_string()));
    }
}

/// Paragraphs saying to seek immediate help go to emergency; a paragraph
/// introducing "serious" effects puts the bullets after it under serious;
/// other bullets are common; infusion and reporting lines go to their fields.
fn side_effects(d: &mut Draft, text: &str) {
    let mut group = "common";
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lower = paragraph.to_lowercase();
        let items: Vec<&str> = paragraph
            .lines()
            .filter_map(|l| l.strip_prefix("- "))
            .collect();
        if !items.is_empty() {
            for item in items {
                match group {
                    "serious" => d.serious.push(item.trim_end_matches(';').to_string()),
                    _ => d.common.push(item.trim_end_matches(';').to_string()),
                }
            }
            continue;
        }
        if lower.contains("immediate medical") || lower.contains("emergency") {
            d.emergency.push(paragraph.to_string());
        } else if lower.contains("injection") || lower.contains("infusion") {
            d.infusion.push(paragraph.to_string());
        } else if lower.contains("1-800") || lower.contains("report side effects") {
            d.reporting.push(paragraph.to_string());
        } else {
            if lower.contains("serious") {
                group = "serious";
            } else if lower.contains("number of side effects") || lower.contains("common") {
                group = "common";
            }
            d.side_effect_notes.push(paragraph.to_string());
        }
    }
}
