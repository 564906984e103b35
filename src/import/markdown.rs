//! Markdown drug pages: optional front matter with a `title`, then sections
//! introduced by `**Label:** text` or `### Heading` (a trailing colon is
//! allowed), bullets with `*` or `-`, nested bold sub-labels, and FAQs as
//! `* **Q: …?** A: …`.

use super::draft::Draft;

/// A heading and the lines under it.
struct Section {
    heading: String,
    lines: Vec<String>,
}

/// Whether the text looks like a Markdown drug page.
pub fn looks_like(text: &str) -> bool {
    text.trim_start().starts_with("---")
        || text.contains("**Generic Name:**")
        || text
            .lines()
            .any(|l| l.starts_with("### ") || l.starts_with("**Usage:**"))
}

/// Reads a page into a draft; `Err` says why it is not a usable page.
pub fn parse(text: &str) -> Result<Draft, String> {
    let (title, body) = front_matter(text);
    let sections = sections(body);
    let mut draft = Draft::default();
    let mut heading_title = None;
    for line in body.lines() {
        if let Some(t) = line.strip_prefix("# ") {
            heading_title = Some(t.trim().to_string());
            break;
        }
    }
    let mut recognised = 0;
    for section in &sections {
        let text = section.lines.join("\n");
        draft.collect_reproductive(&plain(&text));
        if apply(&mut draft, &normalise(&section.heading), &section.lines) {
            recognised += 1;
        } else {
            draft.unmapped.push((section.heading.clone(), plain(&text)));
        }
    }
    if recognised == 0 {
        return Err("no recognisable sections (Usage, Side Effects, How it Works, FAQs, …)".into());
    }
    let title = title.or(heading_title);
    if draft.name.is_empty() {
        draft.name = title.clone().ok_or("no generic name or title")?;
    } else if let Some(t) = title {
        draft.aliases.push(t);
    }
    Ok(draft)
}

/// The front matter's `title`, and the text after the front matter.
fn front_matter(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("---") else {
        return (None, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (None, text);
    };
    let title = rest[..end]
        .lines()
        .find_map(|l| l.trim().strip_prefix("title:"))
        .map(|t| t.trim().trim_matches('"').to_string());
    let after = &rest[end + 4..];
    (title, after.strip_prefix('\n').unwrap_or(after))
}

fn sections(body: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in body.lines() {
        if let Some((heading, rest)) = heading(line) {
            out.push(Section {
                heading,
                lines: rest.into_iter().collect(),
            });
        } else if let Some(current) = out.last_mut() {
            current.lines.push(line.to_string());
        }
    }
    out
}

/// A section start: `### Heading[:]` or a top-level `**Label:** text`.
fn heading(line: &str) -> Option<(String, Option<String>)> {
    if let Some(h) = line
        .strip_prefix("### ")
        .or_else(|| line.strip_prefix("## "))
    {
        return Some((h.trim().trim_end_matches(':').trim().to_string(), None));
    }
    let rest = line.strip_prefix("**")?;
    let (label, after) = rest.split_once(":**")?;
    let known = [
        "generic name",
        "brand name",
        "brand names",
        "drug class",
        "usage",
        "uses",
        "side effects",
        "how it works",
        "faqs",
        "faq",
        "dosage",
        "precautions",
        "warnings",
        "interactions",
        "drug interactions",
        "disclaimer",
        "note",
        "mechanism of action",
    ];
    known
        .contains(&label.trim().to_lowercase().as_str())
        .then(|| {
            (
                label.trim().to_string(),
                Some(after.trim().to_string()).filter(|a| !a.is_empty()),
            )
        })
}

fn normalise(heading: &str) -> String {
    let h = heading.to_lowercase();
    let h = h.split(" (").next().unwrap_or(&h);
    h.trim().trim_end_matches(':').to_string()
}

/// Markdown emphasis removed, for prose.
fn plain(text: &str) -> String {
    text.replace("**", "").replace("__", "")
}

/// A bullet's text, if the line is a bullet.
fn bullet(line: &str) -> Option<String> {
    let t = line.trim_start();
    t.strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))
        .map(|b| b.trim().to_string())
}

/// A bold sub-label line such as `**Common Side Effects:**`.
fn sub_label(line: &str) -> Option<String> {
    let t = line.trim();
    let inner = t.strip_prefix("**")?.strip_suffix("**")?;
    inner
        .ends_with(':')
        .then(|| inner.trim_end_matches(':').to_lowercase())
}

/// `**Label:** rest` or `**Label.** rest` at the start of a bullet.
fn labelled(item: &str) -> (Option<String>, String) {
    if let Some(rest) = item.strip_prefix("**")
        && let Some((label, after)) = rest.split_once("**")
    {
        let label = label.trim().trim_end_matches([':', '.']).trim().to_string();
        return (
            Some(label),
            after.trim().trim_start_matches(':').trim().to_string(),
        );
    }
    (None, item.to_string())
}

/// Files a section's content under the right panes; false if the heading is unknown.
fn apply(d: &mut Draft, heading: &str, lines: &[String]) -> bool {
    let text = || plain(&lines.join("\n")).trim().to_string();
    let bullets = || lines.iter().filter_map(|l| bullet(l)).collect::<Vec<_>>();
    let paragraphs = || {
        lines
            .iter()
            .filter(|l| bullet(l).is_none() && sub_label(l).is_none() && !l.trim().is_empty())
            .map(|l| plain(l).trim().to_string())
            .collect::<Vec<_>>()
    };
    match heading {
        "generic name" => d.name = text().lines().next().unwrap_or_default().to_string(),
        "brand name" | "brand names" => d
            .brands
            .extend(text().split(',').map(|b| b.trim().to_string())),
        "drug class" => d.drug_class = text(),
        "usage" | "uses" => {
            for item in bullets() {
                match labelled(&item) {
                    (Some(label), rest) => d.indications.push((label, plain(&rest))),
                    (None, rest) => d.indications.push((plain(&rest), String::new())),
                }
            }
            d.summary.extend(paragraphs());
        }
        "side effects" => side_effects(d, lines),
        "how it works" | "mechanism of action" => d.how_it_works.push(text()),
        "faqs" | "faq" => faqs(d, lines),
        "dosage" => d.how_to_take.push(text()),
        "precautions" | "warnings" => {
            d.conditions.extend(bullets().iter().map(|b| plain(b)));
            d.precaution_notes.extend(paragraphs());
        }
        "interactions" | "drug interactions" => {
            d.interactions.extend(bullets().iter().map(|b| plain(b)));
            d.precaution_notes.extend(paragraphs());
        }
        // The page's own disclaimer and note: rxdoc shows its own.
        "disclaimer" | "note" => {}
        _ => return false,
    }
    true
}

fn side_effects(d: &mut Draft, lines: &[String]) {
    let mut group: Option<String> = None;
    for line in lines {
        if let Some(label) = sub_label(line) {
            group = Some(label);
        } else if let Some(item) = bullet(line) {
            let item = plain(&item);
            match group.as_deref() {
                Some(g) if g.contains("common") => d.common.push(item),
                Some(g) if g.contains("serious") || g.contains("severe") => d.serious.push(item),
                Some(g) if g.contains("emergency") || g.contains("allergic") => {
                    d.emergency.push(item)
                }
                _ => d.side_effect(&item),
            }
        } else if !line.trim().is_empty() {
            d.side_effect_notes.push(plain(line).trim().to_string());
        }
    }
}

fn faqs(d: &mut Draft, lines: &[String]) {
    for line in lines {
        let Some(item) = bullet(line) else { continue };
        let item = plain(&item);
        let Some(q) = item.trim().strip_prefix("Q:") else {
            continue;
        };
        let (question, answer) = q.split_once(" A:").unwrap_or((q, ""));
        d.faqs
            .push((question.trim().to_string(), answer.trim().to_string()));
    }
}
