//! Lists recovered from flattened text: bullets ("•", "■", "▪", "●"),
//! dashes run into the text ("due to: -the common cold -flu") and
//! numbering ("1) … 2) …", "(1) … (2) …").

use crate::import::label::Block;

const BULLETS: &[char] = &['•', '●', '■', '▪', '◦', '○', '∙', '\u{f0b7}'];

/// A piece of text as a paragraph, a list, or a paragraph, a list and a
/// closing paragraph.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let (intro, items) = if text.contains(BULLETS) {
        split_bullets(text)
    } else if let Some(split) = split_numbered(text).or_else(|| split_dashes(text)) {
        split
    } else {
        return vec![Block::Paragraph(text.to_string())];
    };
    let mut items: Vec<String> = items
        .into_iter()
        .map(|i| i.trim().trim_end_matches([';', ',']).trim().to_string())
        .filter(|i| !i.is_empty())
        .collect();
    let mut out = Vec::new();
    if !intro.trim().is_empty() {
        out.push(Block::Paragraph(intro.trim().to_string()));
    }
    // The last item runs on into whatever follows the list.
    let after = items.last_mut().and_then(|last| {
        let cut = closing_sentence(last)?;
        let rest = last[cut..].trim().to_string();
        last.truncate(cut);
        Some(rest)
    });
    out.extend(lead_ins_split(items));
    if let Some(rest) = after.filter(|r| !r.is_empty()) {
        out.push(Block::Paragraph(rest));
    }
    out
}

/// One run of bullets can hold several lists: an item that ends with the
/// lead-in of the next list ("… yellow skin. The most common side effects
/// include:") is cut there, and the lead-in stands between the lists.
fn lead_ins_split(items: Vec<String>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut list = Vec::new();
    let count = items.len();
    for (k, item) in items.into_iter().enumerate() {
        let cut = (k + 1 < count && item.ends_with(':'))
            .then(|| last_sentence_start(&item))
            .flatten();
        match cut {
            Some(cut) => {
                list.push(item[..cut].trim().to_string());
                out.push(Block::List(std::mem::take(&mut list)));
                out.push(Block::Paragraph(item[cut..].trim().to_string()));
            }
            None => list.push(item),
        }
    }
    if !list.is_empty() {
        out.push(Block::List(list));
    }
    out
}

/// Where the last sentence of `text` starts, if it has more than one.
fn last_sentence_start(text: &str) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    while let Some(cut) = closing_sentence(&text[from..]) {
        found = Some(from + cut);
        from += cut;
    }
    found
}

fn split_bullets(text: &str) -> (String, Vec<String>) {
    let mut pieces = text.split(BULLETS);
    let intro = pieces.next().unwrap_or_default().to_string();
    (intro, pieces.map(str::to_string).collect())
}

/// "… due to: -the common cold -flu -headache": a dash with a space
/// before it and a letter after it, at least twice.
fn split_dashes(text: &str) -> Option<(String, Vec<String>)> {
    let mut starts = Vec::new();
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_letter = chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if c == '-' && prev == ' ' && next_is_letter {
            starts.push(i);
        }
        prev = c;
    }
    (starts.len() >= 2).then(|| pieces_at(text, &starts, 1))
}

/// "1) … 2) …" or "(1) … (2) …", numbered from one, at least two items.
fn split_numbered(text: &str) -> Option<(String, Vec<String>)> {
    let mut starts = Vec::new();
    for style in [("(", ")"), ("", ")")] {
        starts.clear();
        let mut from = 0;
        let mut n = 1;
        loop {
            let marker = format!("{}{n}{}", style.0, style.1);
            let found = text[from..].match_indices(&marker).find(|&(i, _)| {
                let at = from + i;
                at == 0 || text[..at].ends_with(' ')
            });
            let Some((i, _)) = found else { break };
            starts.push(from + i);
            from += i + marker.len();
            n += 1;
        }
        if starts.len() >= 2 {
            break;
        }
    }
    if starts.len() < 2 {
        return None;
    }
    // Each piece starts after its own marker ("9)", "10)").
    let intro = text[..starts[0]].to_string();
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let piece = &text[s..end];
            piece
                .find(')')
                .map_or(piece, |p| &piece[p + 1..])
                .to_string()
        })
        .collect();
    Some((intro, items))
}

/// The pieces of `text` cut at `starts`, each without its `skip`-byte marker.
fn pieces_at(text: &str, starts: &[usize], skip: usize) -> (String, Vec<String>) {
    let intro = text[..starts[0]].to_string();
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            text[s + skip..end].to_string()
        })
        .collect();
    (intro, items)
}

/// Where running text starts inside a list's last item: after the first
/// sentence end that is followed by a capitalised word, if the item goes
/// on for another sentence.
fn closing_sentence(item: &str) -> Option<usize> {
    let bytes: Vec<(usize, char)> = item.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_space = bytes.get(k + 1).is_some_and(|&(_, n)| n == ' ');
        let then_upper = bytes.get(k + 2).is_some_and(|&(_, n)| n.is_uppercase());
        if next_space && then_upper {
            return Some(i + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Block {
        Block::List(items.iter().map(std::string::ToString::to_string).collect())
    }

    #[test]
    fn bullets_with_text_before_and_after() {
        assert_eq!(
            blocks(
                "Stop use and ask a doctor if ■ pain gets worse ■ new symptoms occur These could be signs. More."
            ),
            [
                Block::Paragraph("Stop use and ask a doctor if".into()),
                list(&[
                    "pain gets worse",
                    "new symptoms occur These could be signs."
                ]),
                Block::Paragraph("More.".into()),
            ]
        );
    }

    #[test]
    fn a_lead_in_inside_a_bullet_run_starts_a_new_list() {
        assert_eq!(
            blocks(
                "Serious side effects: • Allergic reactions. Get help. • Liver problems. Call your doctor. The most common side effects include: • headache • rash"
            ),
            [
                Block::Paragraph("Serious side effects:".into()),
                list(&[
                    "Allergic reactions. Get help.",
                    "Liver problems. Call your doctor."
                ]),
                Block::Paragraph("The most common side effects include:".into()),
                list(&["headache", "rash"]),
            ]
        );
    }

    #[test]
    fn dashes_and_numbers() {
        assert_eq!(
            blocks("relieves minor aches due to: -the common cold -flu -headache"),
            [
                Block::Paragraph("relieves minor aches due to:".into()),
                list(&["the common cold", "flu", "headache"]),
            ]
        );
        assert_eq!(
            blocks("Adults- take 4 (range - 6.0 to 6.8)"),
            [Block::Paragraph(
                "Adults- take 4 (range - 6.0 to 6.8)".into()
            )]
        );
        assert_eq!(
            blocks("Do this: 1) wash hands 2) dry them"),
            [
                Block::Paragraph("Do this:".into()),
                list(&["wash hands", "dry them"]),
            ]
        );
    }
}
