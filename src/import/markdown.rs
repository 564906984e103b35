//! Markdown drug pages: optional front matter with a `title`, then sections
//! introduced by `**Label:** text` or `### Heading` (a trailing colon is
//! allowed), bullets with `*` or `-`, nested bold sub-labels, and FAQs as
//! `* **Q: …?** A: …`.

use super::Rejection;
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

/// Labels that name the drug rather than describe it; they do not make a
/// page a drug page on their own.
const IDENTITY: [&str; 5] = [
    "generic name",
    "brand name",
    "brand names",
    "disclaimer",
    "note",
];

/// Reads a page into a draft; `Err` says why it is not a usable page.
///
/// The name is the page's title (front matter or `# ` heading), which names
/// every ingredient of a combination; `Generic Name:` labels inside it name
/// single ingredients and only mark whose text follows.
pub fn parse(text: &str) -> Result<Draft, Rejection> {
    let (title, body) = front_matter(text);
    let title = title
        .filter(|t| !t.is_empty())
        .or_else(|| heading_title(body));
    let sections = sections(body);
    let generic: Vec<String> = sections
        .iter()
        .filter(|s| normalise(&s.heading) == "generic name")
        .filter_map(|s| {
            s.lines
                .iter()
                .map(|l| plain(l).trim().to_string())
                .find(|l| !l.is_empty())
        })
        .collect();
    let name = title
        .clone()
        .or_else(|| generic.first().cloned())
        .ok_or_else(|| Rejection::Failed("no title or generic name".into()))?;
    let mut draft = Draft {
        name,
        ..Draft::default()
    };
    // A single drug's page whose title is another name for it ("Examplazole
    // Tabs", generic name Examplazole): the generic name is an alias. A
    // combination's labels name single ingredients, which are not.
    if let [one] = generic.as_slice()
        && !draft.name.contains('+')
    {
        draft.aliases.push(one.clone());
    }
    // Several ingredients described one after another: their text is
    // labelled with the ingredient it is about.
    let per_ingredient = generic.len() > 1;
    let mut ingredient: Option<String> = None;
    let mut recognised = 0;
    for section in &sections {
        let heading = normalise(&section.heading);
        if heading == "generic name" {
            ingredient = section
                .lines
                .iter()
                .map(|l| plain(l).trim().to_string())
                .find(|l| !l.is_empty())
                .filter(|_| per_ingredient);
            continue;
        }
        let lines = match &ingredient {
            Some(name) if heading != "faqs" && heading != "faq" => tagged(&section.lines, name),
            _ => section.lines.clone(),
        };
        let text = lines.join("\n");
        draft.collect_reproductive(&plain(&text));
        if apply(&mut draft, &heading, &lines) {
            recognised += usize::from(!IDENTITY.contains(&heading.as_str()));
        } else if !text.trim().is_empty() {
            draft.unmapped.push((section.heading.clone(), plain(&text)));
        }
    }
    if recognised == 0 {
        return Err(match declined(body) {
            Some(quote) => {
                Rejection::Refused(format!("the page holds no drug information: “{quote}”"))
            }
            None => Rejection::Failed(
                "no recognisable sections (Usage, Side Effects, How it Works, FAQs, …)".into(),
            ),
        });
    }
    Ok(draft)
}

/// The first `# ` heading.
fn heading_title(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The page's own words where it declines to describe a drug ("I cannot
/// provide information on…", "Please provide the generic name…"), cut short.
fn declined(body: &str) -> Option<String> {
    const PHRASES: [&str; 13] = [
        "i cannot provide",
        "i can't provide",
        "i cannot find",
        "i cannot create",
        "i am unable to",
        "i'm unable to",
        "please provide",
        "not a standard",
        "isn't a standard",
        "isn't a single medicine",
        "isn't typically found as a single",
        "not typically used together",
        "does not appear to be a standard",
    ];
    let sentence = super::text::sentences(&plain(body)).into_iter().find(|s| {
        let lower = s.to_lowercase();
        PHRASES.iter().any(|p| lower.contains(p))
    })?;
    Some(match sentence.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &sentence[..cut]),
        None => sentence,
    })
}

/// Each line of text prefixed with the ingredient it is about; bullets keep
/// their marker and bold sub-labels stay as they are.
fn tagged(lines: &[String], ingredient: &str) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || sub_label(line).is_some() {
                return line.clone();
            }
            let indent = &line[..line.len() - trimmed.len()];
            match bullet(line) {
                Some(item) => format!("{indent}* {ingredient}: {item}"),
                None => format!("{indent}{ingredient}: {trimmed}"),
            }
        })
        .collect()
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
    // Pages that list each ingredient as `* **Generic Name:** …` bullets use
    // top-level bullets as section labels.
    let bullet_labels = body.lines().any(|l| {
        let (label, _) = bullet(l).and_then(|b| label_line(&b)).unwrap_or_default();
        label.eq_ignore_ascii_case("generic name")
    });
    let mut out: Vec<Section> = Vec::new();
    for line in body.lines() {
        if let Some((heading, rest)) = heading(line, bullet_labels) {
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

/// Section labels the importer knows.
const KNOWN: [&str; 18] = [
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

fn is_known(label: &str) -> bool {
    KNOWN.contains(&normalise(label).as_str())
}

/// A section start: `### Heading[:]`, `### Label: text`, a top-level
/// `**Label:** text`, or (when `bullet_labels`) a top-level
/// `* **Label:** text`.
fn heading(line: &str, bullet_labels: bool) -> Option<(String, Option<String>)> {
    if let Some(h) = line
        .strip_prefix("### ")
        .or_else(|| line.strip_prefix("## "))
    {
        let h = plain(h);
        if let Some((label, rest)) = h.split_once(':')
            && is_known(label)
            && !rest.trim().is_empty()
        {
            return Some((label.trim().to_string(), Some(rest.trim().to_string())));
        }
        return Some((h.trim().trim_end_matches(':').trim().to_string(), None));
    }
    let labelled = if bullet_labels && !line.starts_with(char::is_whitespace) {
        bullet(line)?
    } else {
        line.to_string()
    };
    let (label, after) = label_line(&labelled)?;
    is_known(&label).then(|| (label, Some(after).filter(|a| !a.is_empty())))
}

/// `**Label:** text` as (label, text).
fn label_line(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("**")?;
    let (label, after) = rest.split_once(":**")?;
    Some((label.trim().to_string(), after.trim().to_string()))
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
        // The title names the drug (see `parse`).
        "generic name" => {}
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

/// Questions as `* **Q: …?** A: …` bullets, or as `**Q: …?**` lines with
/// the answer on the next `**A:**` line (and any lines after it).
fn faqs(d: &mut Draft, lines: &[String]) {
    for line in lines {
        let item = plain(&bullet(line).unwrap_or_else(|| line.trim().to_string()));
        let item = item.trim();
        if let Some(q) = item.strip_prefix("Q:") {
            let (question, answer) = q.split_once(" A:").unwrap_or((q, ""));
            d.faqs
                .push((question.trim().to_string(), answer.trim().to_string()));
        } else if let Some(last) = d.faqs.last_mut()
            && !item.is_empty()
        {
            let more = item.strip_prefix("A:").unwrap_or(item).trim();
            if last.1.is_empty() {
                last.1 = more.to_string();
            } else {
                last.1 = format!("{} {more}", last.1);
            }
        }
    }
}
