//! A deterministic generator of realistic monographs for benchmarks: varied
//! drug-like names, brands and aliases; label-sized panes; words drawn with a
//! Zipf-like spread from a vocabulary seeded with real monograph words, so
//! searches see realistic hit counts.
//!
//! Shared by the benchmark and two examples; each uses only part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// Queries of one to three words, with a typo, lay words and a miss, used by
/// the benchmark and the timing example alike.
pub const QUERIES: &[&str] = &[
    "bleeding",
    "yellow skin",
    "muscle pain",
    "jaundise",
    "short of breath",
    "blood in urine",
    "tired",
    "dose",
    "liver damage risk",
    "calicheamycin",
    "xylophone",
];

/// A small, fast, seedable generator (xorshift64*), so corpora are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).expect("less than n, a usize")
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ba", "cor", "da", "fen", "ga", "li", "lo", "ma", "mi", "na", "nor", "pra", "qui", "ra", "ro",
    "sa", "ta", "te", "tri", "va", "vo", "xa", "ze", "zo", "pe", "ke", "lu", "mo", "ni", "si",
];
const SUFFIXES: &[&str] = &[
    "mab", "tinib", "pril", "sartan", "olol", "statin", "azole", "cillin", "mycin", "floxacin",
    "pine", "gliptin", "tide", "parin", "xaban", "prazole", "done", "fen", "vir", "cycline",
];

/// Words drawn with probability falling as 1/rank.
pub struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// Real words from `seed_text` (most frequent first) followed by made-up
    /// ones, up to `size` words.
    pub fn new(seed_text: &str, size: usize, rng: &mut Rng) -> Self {
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        for w in seed_text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() > 1)
        {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
        let mut words: Vec<(String, usize)> = counts.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut words: Vec<String> = words.into_iter().map(|(w, _)| w).collect();
        while words.len() < size {
            let n = rng.range(2, 4);
            let w: String = (0..n)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect();
            words.push(w);
        }
        words.truncate(size);
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Self { words, cumulative }
    }

    pub fn word(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() as f64 / u64::MAX as f64) * total;
        let i = self
            .cumulative
            .partition_point(|c| *c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }

    pub fn sentence(&self, rng: &mut Rng, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word(rng));
        }
        if let Some(first) = s.get(..1) {
            let upper = first.to_uppercase();
            s.replace_range(..1, &upper);
        }
        s.push('.');
        s
    }

    pub fn paragraph(&self, rng: &mut Rng, words: usize) -> String {
        let mut out = String::new();
        let mut left = words;
        while left > 0 {
            let n = rng.range(8, 20).min(left);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.sentence(rng, n));
            left -= n;
        }
        out
    }
}

fn name(rng: &mut Rng, index: usize) -> String {
    let n = rng.range(1, 3);
    let mut s: String = (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    s.push_str(SUFFIXES[rng.below(SUFFIXES.len())]);
    // The index keeps names unique however large the corpus.
    let _ = write!(s, "{}", to_letters(index));
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn to_letters(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push(char::from(b"abcdefghijklmnopqrstuvwxyz"[n % 26]));
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

fn quote(s: &str) -> String {
    format!("{s:?}")
}

fn sentence(vocab: &Vocabulary, rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    vocab.sentence(rng, n)
}

fn para(vocab: &Vocabulary, rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    vocab.paragraph(rng, n)
}

fn list(vocab: &Vocabulary, rng: &mut Rng, items: (usize, usize), words: (usize, usize)) -> String {
    let count = rng.range(items.0, items.1);
    let items: Vec<String> = (0..count)
        .map(|_| quote(sentence(vocab, rng, words.0, words.1).trim_end_matches('.')))
        .collect();
    format!("[{}]", items.join(", "))
}

/// One monograph as TOML text.
pub fn monograph(vocab: &Vocabulary, rng: &mut Rng, index: usize) -> (String, String) {
    let name = name(rng, index);
    let id = rxdoc::slug::slug(&name);
    let brand = format!(
        "{}{}",
        &name[..name.len().min(4)],
        SUFFIXES[rng.below(SUFFIXES.len())]
    );
    let alias = format!("{name}e");
    let mut t = String::new();
    let _ = writeln!(
        t,
        "id = {}\nname = {}\npronunciation = \"{}\"",
        quote(&id),
        quote(&name),
        name.to_uppercase()
    );
    let _ = writeln!(
        t,
        "brands = [{}]\naliases = [{}]",
        quote(&brand),
        quote(&alias)
    );
    let _ = writeln!(t, "drug_class = {}", quote(&vocab.sentence(rng, 3)));
    let (strength, day) = (rng.range(1, 500), rng.range(1, 28));
    let _ = writeln!(
        t,
        "dosage_forms = [\"Tablet, {strength} mg\"]\nroute = \"By mouth\""
    );
    let _ = writeln!(
        t,
        "reviewed = 2026-01-{day:02}\nsources = [\"Generated for benchmarks\"]"
    );
    let _ = writeln!(
        t,
        "\n[usage]\nsummary = {}",
        quote(&para(vocab, rng, 40, 120))
    );
    let _ = writeln!(t, "how_to_take = {}", quote(&para(vocab, rng, 300, 1500)));
    let _ = writeln!(t, "monitoring = {}", quote(&para(vocab, rng, 50, 300)));
    let indications = rng.range(1, 4);
    for _ in 0..indications {
        let _ = writeln!(
            t,
            "[[usage.indications]]\ncondition = {}",
            quote(&vocab.sentence(rng, 4))
        );
        let _ = writeln!(t, "detail = {}", quote(&para(vocab, rng, 10, 60)));
    }
    let _ = writeln!(
        t,
        "\n[side_effects]\nemergency = {}",
        list(vocab, rng, (2, 8), (5, 15))
    );
    let _ = writeln!(t, "serious = {}", list(vocab, rng, (5, 20), (5, 15)));
    let _ = writeln!(t, "common = {}", list(vocab, rng, (5, 20), (3, 10)));
    let _ = writeln!(t, "notes = {}", quote(&para(vocab, rng, 50, 400)));
    let _ = writeln!(
        t,
        "\n[how_it_works]\ntext = {}",
        quote(&para(vocab, rng, 200, 800))
    );
    let faqs = rng.range(4, 10);
    for _ in 0..faqs {
        let _ = writeln!(
            t,
            "\n[[faqs]]\nquestion = {}",
            quote(&format!(
                "{}?",
                vocab.sentence(rng, 7).trim_end_matches('.')
            ))
        );
        let _ = writeln!(t, "answer = {}", quote(&para(vocab, rng, 30, 120)));
    }
    let _ = writeln!(
        t,
        "\n[before_you_take]\nconditions = {}",
        list(vocab, rng, (3, 12), (2, 8))
    );
    let _ = writeln!(t, "tests = {}", list(vocab, rng, (1, 4), (2, 6)));
    let _ = writeln!(t, "interactions = {}", list(vocab, rng, (3, 15), (5, 20)));
    let _ = writeln!(
        t,
        "\n[contraception]\nneeded = false\nsummary = \"No specific contraception is needed with this medicine.\""
    );
    let _ = writeln!(t, "pregnancy = {}", quote(&para(vocab, rng, 30, 150)));
    let _ = writeln!(t, "breastfeeding = {}", quote(&para(vocab, rng, 20, 100)));
    (format!("{id}.toml"), t)
}

/// Real monograph text used to seed the vocabulary.
pub fn seed_text(data_dir: &Path) -> String {
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(data_dir) {
        for e in entries.flatten() {
            text.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    text
}

/// Writes `n` monographs into `dir`; returns the total bytes written.
pub fn write_corpus(dir: &Path, n: usize, seed: u64, data_dir: &Path) -> std::io::Result<u64> {
    write_files(dir, n, seed, data_dir, monograph)
}

/// Writes `n` files made by `make` (file name, text) into `dir`, from a
/// vocabulary seeded with the monographs in `data_dir`; returns the total
/// bytes written.
fn write_files(
    dir: &Path,
    n: usize,
    seed: u64,
    data_dir: &Path,
    make: fn(&Vocabulary, &mut Rng, usize) -> (String, String),
) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(seed);
    let vocab = Vocabulary::new(&seed_text(data_dir), 20_000, &mut rng);
    let mut bytes = 0;
    for i in 0..n {
        let (file, text) = make(&vocab, &mut rng, i);
        bytes += text.len() as u64;
        std::fs::write(dir.join(file), text)?;
    }
    Ok(bytes)
}

/// One drug page in the Markdown shape `rxdoc import` reads, of about
/// 3.5 KB: a title, generic and brand names, class, uses, dosage, side
/// effects in groups, precautions, interactions, how it works and FAQs.
pub fn markdown_page(vocab: &Vocabulary, rng: &mut Rng, index: usize) -> (String, String) {
    let name = name(rng, index);
    let mut t = String::new();
    let _ = writeln!(t, "---\ntitle: {name} Tablets\n---\n\n# {name} Tablets\n");
    let _ = writeln!(t, "**Generic Name:** {name}\n");
    let _ = writeln!(t, "**Brand Names:** {}ex\n", &name[..name.len().min(4)]);
    let _ = writeln!(t, "**Drug Class:** {}\n", vocab.sentence(rng, 3));
    let _ = writeln!(t, "**Usage:** {name} is used to treat:\n");
    for _ in 0..rng.range(2, 4) {
        let (label, detail) = (vocab.sentence(rng, 2), vocab.sentence(rng, 12));
        let _ = writeln!(t, "* **{}:** {detail}", label.trim_end_matches('.'));
    }
    let _ = writeln!(t, "\n**Dosage:** {}\n", para(vocab, rng, 40, 80));
    let _ = writeln!(t, "**Side Effects:**\n");
    for group in ["Common side effects", "Serious side effects"] {
        let _ = writeln!(t, "**{group}:**\n");
        for _ in 0..rng.range(3, 6) {
            let _ = writeln!(t, "* {}", sentence(vocab, rng, 4, 12));
        }
        t.push('\n');
    }
    let _ = writeln!(t, "**Precautions:** {}\n", para(vocab, rng, 40, 80));
    let _ = writeln!(t, "**Interactions:**\n");
    for _ in 0..rng.range(2, 5) {
        let _ = writeln!(t, "* {}", sentence(vocab, rng, 4, 10));
    }
    let _ = writeln!(t, "\n**How it Works:** {}\n", para(vocab, rng, 40, 90));
    let _ = writeln!(t, "**FAQs:**\n");
    for _ in 0..rng.range(3, 5) {
        let question = sentence(vocab, rng, 4, 8);
        let answer = para(vocab, rng, 15, 40);
        let _ = writeln!(
            t,
            "* **Q: {}?** A: {answer}",
            question.trim_end_matches('.')
        );
    }
    (format!("{}.md", rxdoc::slug::slug(&name)), t)
}

/// Writes `n` Markdown pages into `dir` (see [`markdown_page`]); returns
/// the total bytes written.
pub fn write_pages(dir: &Path, n: usize, seed: u64, data_dir: &Path) -> std::io::Result<u64> {
    write_files(dir, n, seed, data_dir, markdown_page)
}
