//! A list of strings kept in one block of text. A stored index holds
//! lists that run to the size of a library — over a hundred thousand terms
//! at 10,000 monographs, and each drug's id and name — and opening it reads
//! each list as one copy rather than a string each. The index finds a
//! term's id by binary search in the order by text that its prefix lookups
//! keep anyway, so it makes no hash table of them either.

use std::cmp::Ordering;

/// Strings by number.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TextList {
    text: String,
    /// Where each string ends in `text`; it starts where the one before
    /// ends.
    ends: Vec<u32>,
}

impl TextList {
    /// String `id` (empty past the end, which only a damaged file asks
    /// for).
    pub fn get(&self, id: u32) -> &str {
        self.at(id as usize)
    }

    /// String `i` (empty past the end).
    pub fn at(&self, i: usize) -> &str {
        let id = i;
        let start = id
            .checked_sub(1)
            .map_or(Some(0), |i| self.ends.get(i).copied());
        start
            .zip(self.ends.get(id))
            .and_then(|(start, &end)| self.text.get(start as usize..end as usize))
            .unwrap_or_default()
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The strings in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.at(i))
    }

    /// The number of `term`, searched for in `sorted`: the numbers in
    /// order of their text.
    pub fn find(&self, sorted: &[u32], term: &str) -> Option<u32> {
        sorted
            .binary_search_by(|&id| self.get(id).cmp(term))
            .ok()
            .map(|i| sorted[i])
    }

    /// Where the numbers in `sorted` stop being below `term` (or,
    /// `through`, at or below it).
    pub fn partition(&self, sorted: &[u32], term: &str, through: bool) -> usize {
        sorted.partition_point(|&id| match self.get(id).cmp(term) {
            Ordering::Less => true,
            Ordering::Equal => through,
            Ordering::Greater => false,
        })
    }

    /// Strings read from a file: their bytes one after another, and where
    /// each ends; `None` unless the bytes are text and each end falls
    /// between characters, in order, within the text.
    pub fn from_parts(bytes: Vec<u8>, ends: Vec<u32>) -> Option<Self> {
        let text = String::from_utf8(bytes).ok()?;
        let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
        let sound = ends.iter().all(|&end| text.is_char_boundary(end as usize));
        (ordered && sound).then_some(TextList { text, ends })
    }
}

impl<'a> FromIterator<&'a str> for TextList {
    fn from_iter<I: IntoIterator<Item = &'a str>>(terms: I) -> Self {
        let mut all = TextList::default();
        for term in terms {
            all.text.push_str(term);
            all.ends.push(crate::narrow::to_u32(all.text.len()));
        }
        all.text.shrink_to_fit();
        all.ends.shrink_to_fit();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_found_by_id_and_by_text() {
        let terms: TextList = ["warfarin", "bleed", "ache", "é"].into_iter().collect();
        let sorted = [2, 1, 0, 3];
        assert_eq!(terms.len(), 4);
        assert_eq!(terms.get(1), "bleed");
        assert_eq!(terms.get(3), "é");
        assert_eq!(terms.get(9), "");
        assert_eq!(terms.find(&sorted, "warfarin"), Some(0));
        assert_eq!(terms.find(&sorted, "ache"), Some(2));
        assert_eq!(terms.find(&sorted, "warf"), None);
        assert_eq!(terms.partition(&sorted, "bleed", false), 1);
        assert_eq!(terms.partition(&sorted, "bleed", true), 2);
        assert_eq!(
            terms.iter().collect::<Vec<_>>(),
            ["warfarin", "bleed", "ache", "é"]
        );
    }

    #[test]
    fn stored_terms_must_be_text_cut_between_characters() {
        assert_eq!(
            TextList::from_parts(b"acheb".to_vec(), vec![4, 5])
                .unwrap()
                .get(1),
            "b"
        );
        assert!(TextList::from_parts("é".into(), vec![1, 2]).is_none());
        assert!(TextList::from_parts(b"ab".to_vec(), vec![2, 1]).is_none());
        assert!(TextList::from_parts(b"ab".to_vec(), vec![3]).is_none());
        assert!(TextList::from_parts(vec![0xff], vec![1]).is_none());
    }
}
