//! openFDA's bulk JSON, `{"meta": …, "results": [ … ]}` (or a bare array of
//! records), read one record at a time with serde_json's streaming
//! deserialiser: only the record being read is ever in memory.
//!
//! Each record is capped: the bytes read since the record began are counted
//! beneath the parser, and once a record has used its allowance the rest of
//! its fields are skipped unread (serde's `IgnoredAny` keeps nothing), so it
//! is reported and the next record read. A single field that runs on past a
//! second allowance stops the file, since no parser can skip a value it is
//! still inside.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufReader, Read};
use std::rc::Rc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// What became of one record of the stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// The record's fields.
    Read(Map<String, Value>),
    /// Not read because it was not wanted (see [`for_each_record`]).
    Passed,
    /// Over the per-record limit; its fields were skipped.
    TooLarge,
    /// Not a JSON object.
    NotAnObject,
}

/// Why reading a stream stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Not JSON, cut short, or not the bulk shape: where and what.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// The document is JSON but has no array of records.
    #[error("no `results` array of label records")]
    NoResults,
}

/// Reads every record of a bulk document from `reader`, calling `each` with
/// its index and what it held. `wanted` says which records to keep: the
/// others are skipped without being kept in memory. Returns the number of
/// records seen; an error says why the rest could not be read (the records
/// before it have been given to `each`).
pub fn for_each_record<R: Read>(
    reader: R,
    limit: u64,
    wanted: &dyn Fn(usize) -> bool,
    each: &mut dyn FnMut(usize, Record),
) -> Result<usize, StreamError> {
    for_each_record_with(reader, limit, wanted, &|_| true, each)
}

/// [`for_each_record`], keeping only the fields `field` accepts (the rest
/// are skipped unread).
pub fn for_each_record_with<R: Read>(
    reader: R,
    limit: u64,
    wanted: &dyn Fn(usize) -> bool,
    field: &dyn Fn(&str) -> bool,
    each: &mut dyn FnMut(usize, Record),
) -> Result<usize, StreamError> {
    let budget = Rc::new(Budget::new(limit));
    let counted = Counted {
        inner: BufReader::with_capacity(1 << 16, reader),
        budget: Rc::clone(&budget),
    };
    let mut de = serde_json::Deserializer::from_reader(counted);
    let mut walk = Walk {
        budget: &budget,
        wanted,
        field,
        each,
        seen: 0,
        found: false,
    };
    de.deserialize_any(Top(&mut walk))?;
    de.end()?;
    if !walk.found {
        return Err(StreamError::NoResults);
    }
    Ok(walk.seen)
}

/// Bytes read since the current record began, and whether its fields are
/// being kept (only then does running past twice the limit stop the file).
struct Budget {
    limit: u64,
    used: Cell<u64>,
    keeping: Cell<bool>,
}

impl Budget {
    fn new(limit: u64) -> Self {
        Budget {
            limit,
            used: Cell::new(0),
            keeping: Cell::new(false),
        }
    }

    fn start_record(&self) {
        self.used.set(0);
        self.keeping.set(true);
    }

    fn over(&self) -> bool {
        self.used.get() > self.limit
    }
}

/// The reader beneath the parser, counting for the [`Budget`].
struct Counted<R> {
    inner: R,
    budget: Rc<Budget>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let b = &self.budget;
        b.used.set(b.used.get() + n as u64);
        if b.keeping.get() && b.used.get() > b.limit.saturating_mul(2) {
            return Err(io::Error::other(format!(
                "a single field of a record runs past {} bytes; the rest of the file is not read",
                b.limit.saturating_mul(2)
            )));
        }
        Ok(n)
    }
}

struct Walk<'a> {
    budget: &'a Budget,
    wanted: &'a dyn Fn(usize) -> bool,
    field: &'a dyn Fn(&str) -> bool,
    each: &'a mut dyn FnMut(usize, Record),
    seen: usize,
    found: bool,
}

/// The document: an object whose `results` are read, or a bare array.
struct Top<'w, 'a>(&'w mut Walk<'a>);

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with a `results` array, or an array of label records")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "results" && !self.0.found {
                self.0.found = true;
                map.next_value_seed(Results(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.found = true;
        Results(self.0).visit_seq(seq)
    }
}

/// The array of records.
struct Results<'w, 'a>(&'w mut Walk<'a>);

impl<'de> DeserializeSeed<'de> for Results<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Results<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of label records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let walk = self.0;
        loop {
            let index = walk.seen;
            walk.budget.start_record();
            let keep = (walk.wanted)(index);
            let record = match seq.next_element_seed(One {
                budget: walk.budget,
                field: walk.field,
                keep,
            })? {
                Some(record) => record,
                None => break,
            };
            walk.budget.keeping.set(false);
            walk.seen += 1;
            (walk.each)(index, record);
        }
        Ok(())
    }
}

/// One record, kept field by field while it is within its allowance.
struct One<'b> {
    budget: &'b Budget,
    field: &'b dyn Fn(&str) -> bool,
    keep: bool,
}

impl<'de> DeserializeSeed<'de> for One<'_> {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        if self.keep {
            d.deserialize_any(self)
        } else {
            self.budget.keeping.set(false);
            IgnoredAny::deserialize(d).map(|_| Record::Passed)
        }
    }
}

use serde::Deserialize as _;

impl<'de> Visitor<'de> for One<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a label record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut fields = Map::new();
        let mut too_large = false;
        while let Some(key) = map.next_key::<String>()? {
            if !(self.field)(&key) {
                map.next_value::<IgnoredAny>()?;
            } else if too_large || self.budget.over() {
                // Over the allowance: drop what was kept and skip the rest.
                if !too_large {
                    too_large = true;
                    fields = Map::new();
                    self.budget.keeping.set(false);
                }
                map.next_value::<IgnoredAny>()?;
            } else {
                let value = map.next_value::<Value>()?;
                fields.insert(key, value);
            }
        }
        if too_large || self.budget.over() {
            return Ok(Record::TooLarge);
        }
        Ok(Record::Read(fields))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Record, A::Error> {
        self.budget.keeping.set(false);
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Record::NotAnObject)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Record, E> {
        Ok(Record::NotAnObject)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Record, E> {
        Ok(Record::NotAnObject)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Record, E> {
        Ok(Record::NotAnObject)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Record, E> {
        Ok(Record::NotAnObject)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Record, E> {
        Ok(Record::NotAnObject)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Record, E> {
        Ok(Record::NotAnObject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str, limit: u64) -> (Vec<(usize, Record)>, Result<usize, String>) {
        let mut got = Vec::new();
        let result = for_each_record(json.as_bytes(), limit, &|_| true, &mut |i, r| {
            got.push((i, r));
        })
        .map_err(|e| e.to_string());
        (got, result)
    }

    fn set_id(record: &Record) -> Option<&str> {
        match record {
            Record::Read(m) => m.get("set_id").and_then(Value::as_str),
            _ => None,
        }
    }

    #[test]
    fn records_come_one_at_a_time_with_meta_skipped() {
        let json =
            r#"{"meta": {"results": [1]}, "results": [{"set_id": "a"}, 7, {"set_id": "b"}]}"#;
        let (got, result) = read(json, 1000);
        assert_eq!(result.unwrap(), 3);
        assert_eq!(set_id(&got[0].1), Some("a"));
        assert_eq!(got[1].1, Record::NotAnObject);
        assert_eq!(set_id(&got[2].1), Some("b"));
    }

    #[test]
    fn a_record_over_the_limit_is_skipped_and_the_next_read() {
        let big = "x".repeat(300);
        let json = format!(
            r#"{{"results": [{{"a": "{big}", "b": "{big}", "set_id": "big"}}, {{"set_id": "small"}}]}}"#
        );
        let (got, result) = read(&json, 400);
        assert_eq!(result.unwrap(), 2);
        assert_eq!(got[0].1, Record::TooLarge);
        assert_eq!(set_id(&got[1].1), Some("small"));
    }

    #[test]
    fn one_endless_field_stops_the_file_with_the_records_before_it_kept() {
        let huge = "x".repeat(5000);
        let json = format!(r#"[{{"set_id": "a"}}, {{"a": "{huge}"}}, {{"set_id": "c"}}]"#);
        let (got, result) = read(&json, 400);
        assert_eq!(got.len(), 1);
        assert!(result.unwrap_err().contains("runs past 800 bytes"));
    }

    #[test]
    fn truncated_json_says_where_and_keeps_what_came_before() {
        let json = r#"{"results": [{"set_id": "a"}, {"set_id": "b", "x": ["cut"#;
        let (got, result) = read(json, 1000);
        assert_eq!(got.len(), 1);
        let err = result.unwrap_err();
        assert!(
            err.contains("EOF while parsing") && err.contains("line 1"),
            "{err}"
        );
    }

    #[test]
    fn unwanted_records_are_passed_over() {
        let json = r#"[{"set_id": "a"}, {"set_id": "b"}]"#;
        let mut got = Vec::new();
        for_each_record(json.as_bytes(), 1000, &|i| i == 1, &mut |i, r| {
            got.push((i, r));
        })
        .unwrap();
        assert_eq!(got[0].1, Record::Passed);
        assert_eq!(set_id(&got[1].1), Some("b"));
    }

    #[test]
    fn a_document_without_results_is_refused() {
        let (_, result) = read(r#"{"meta": {}}"#, 1000);
        assert_eq!(result.unwrap_err(), "no `results` array of label records");
        let (_, result) = read(r#""text""#, 1000);
        assert!(result.unwrap_err().contains("invalid type"));
    }
}
