//! Twins of `kg/extract/counts.py` for plain text: device counts and parameter counts.
//!
//! Python's numbers are unbounded; a number too large for an `i64` (or a float that
//! `int(round(...))` would refuse) makes the twin give up (`None`), and the Python rule
//! runs.

use crate::pystr::{self, slice};
use crate::registry::Registry;

/// A hardware or model mention as `find_numbers` reads it: its index in
/// `state.mentions`, its span, its text and whether it is hardware (else a model).
/// `find_numbers` passes over the other mentions.
pub struct Mention<'a> {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub hardware: bool,
}

/// A `NumberCue`'s fields: (mention, attribute, value, rule)
pub type Cue = (usize, &'static str, i64, &'static str);

/// The number does not fit: the Python rule must run.
#[derive(Debug, PartialEq)]
pub struct TooLarge;

/// `int(round(x))` (ties to even), or TooLarge where Python's int would not be an i64
/// (or round raises: inf, nan).
fn round_int(x: f64) -> Result<i64, TooLarge> {
    let r = x.round_ties_even();
    if r.is_finite() && r.abs() < 9.0e18 {
        Ok(r as i64)
    } else {
        Err(TooLarge)
    }
}

/// Python's `float(s)` for the digit strings the count regexes capture.
fn py_float(s: &str) -> Result<f64, TooLarge> {
    s.parse::<f64>().map_err(|_| TooLarge)
}

/// The Python int of a string of ASCII digits
fn py_int(s: &str) -> Result<i64, TooLarge> {
    s.parse::<i64>().map_err(|_| TooLarge)
}

fn scale(reg: &Registry, key: &str) -> Result<i64, TooLarge> {
    let v = reg
        .map("counts._SCALE")
        .get(&key.to_ascii_lowercase())
        .unwrap_or_else(|| panic!("kg_native: counts._SCALE has no {key}"));
    py_int(&v[0])
}

const COUNT_PREFIXES: [&str; 8] = [
    "more than",
    "over",
    "up to",
    "about",
    "around",
    "nearly",
    "approximately",
    "~",
];

/// `parse_count(phrase)` (None where Python gives None)
pub fn parse_count(reg: &Registry, phrase: &str) -> Result<Option<i64>, TooLarge> {
    let low = phrase
        .trim_matches(|c: char| c.is_ascii() && pystr::is_space_byte(c as u8))
        .to_ascii_lowercase();
    let mut p: &str = &low;
    for pre in COUNT_PREFIXES {
        if let Some(rest) = p.strip_prefix(pre) {
            if rest.bytes().next().is_some_and(pystr::is_space_byte) {
                p = &rest[1..];
                break;
            }
        }
    }
    let digits = p.replace(',', "");
    if pystr::isdigit(&digits) {
        return py_int(&digits).map(Some);
    }
    if let Some(num) = p.strip_suffix('k') {
        if pystr::isdigit(&num.replacen('.', "", 1)) {
            return round_int(py_float(num)? * 1000.0).map(Some);
        }
    }
    match reg.map("counts._WORD_COUNTS").get(p) {
        Some(v) => py_int(&v[0]).map(Some),
        None => Ok(None),
    }
}

/// `parse_parameters(phrase)`
pub fn parse_parameters(reg: &Registry, phrase: &str) -> Result<Option<i64>, TooLarge> {
    if let Some(m) = reg.rx("counts._PARAMS").search(phrase, 0, phrase.len()) {
        let (number, unit) = if m.get(1).is_some_and(|(s, e)| e > s) {
            (m.str(phrase, 1), m.str(phrase, 2))
        } else {
            (m.str(phrase, 3), m.str(phrase, 4))
        };
        let x = py_float(number)? * scale(reg, unit)? as f64;
        return round_int(x).map(Some);
    }
    if let Some(m) = reg
        .rx("counts._PARAMS_PHRASE")
        .search(phrase, 0, phrase.len())
    {
        return scale(reg, m.str(phrase, 2)).map(Some);
    }
    Ok(None)
}

/// `_nodes_of(text, before, hardware_end)`
fn nodes_of(
    reg: &Registry,
    text: &str,
    before: &str,
    hardware_end: usize,
) -> Result<i64, TooLarge> {
    let Some(nb) = reg
        .rx("counts._NODES_BEFORE")
        .search(before, 0, before.len())
    else {
        return Ok(1);
    };
    let said = nb.str(before, 0).to_ascii_lowercase();
    let trimmed = said.trim_end_matches(|c: char| c.is_ascii() && pystr::is_space_byte(c as u8));
    if trimmed.ends_with("with")
        && !said.contains("each")
        && reg
            .rx("counts._EACH_AFTER")
            .match_at(text, hardware_end, text.len())
            .is_none()
    {
        return Ok(1);
    }
    Ok(match parse_count(reg, nb.str(before, 1))? {
        Some(n) if n != 0 => n,
        _ => 1,
    })
}

fn starts_with_at(text: &str, pos: usize, prefix: &str) -> bool {
    text.get(pos..).is_some_and(|s| s.starts_with(prefix))
}

/// The device count read before a hardware mention, if any
fn count_before(
    reg: &Registry,
    text: &str,
    title_end: usize,
    prev_end: i64,
    m: &Mention,
) -> Result<Option<i64>, TooLarge> {
    let lo = if m.start < title_end {
        0
    } else {
        title_end as i64
    };
    let from = prev_end.max(m.start as i64 - 45).max(lo);
    let before = slice(text, from, m.start as i64);
    let Some(c) = reg.rx("counts._COUNT").search(before, 0, before.len()) else {
        return Ok(None);
    };
    let tail = slice(before, -3, before.len() as i64);
    if c.str(before, 2).bytes().any(|b| b.is_ascii_digit()) || tail.contains('%') {
        return Ok(None);
    }
    let mut n = parse_count(reg, c.str(before, 1))?;
    if let Some(k) = n {
        if k != 0 && reg.rx("counts._NODE_WORDS").is_search(before) {
            let nodes = nodes_of(reg, text, &before[..c.start()], m.end)?;
            n = Some(k.checked_mul(nodes).ok_or(TooLarge)?);
        }
    }
    Ok(n.filter(|&k| k != 0))
}

/// The parameter count of a model mention and the rule that read it, if any
fn parameters_of(
    reg: &Registry,
    text: &str,
    title_end: usize,
    sentences: &[(usize, usize)],
    m: &Mention,
) -> Result<Option<(i64, &'static str)>, TooLarge> {
    if let Some(n) = parse_parameters(reg, m.text)? {
        if n != 0 {
            return Ok(Some((n, "size_in_name")));
        }
    }
    let lo = m.start.saturating_sub(30);
    if let Some(sb) = reg.rx("counts._SIZE_BEFORE").search(text, lo, m.start) {
        let n = parse_parameters(reg, sb.str(text, 0))?.unwrap_or(0);
        return Ok(Some((n, "size_before_name")));
    }
    if starts_with_at(text, m.end, " (") || starts_with_at(text, m.end, "(") {
        if let Some(sa) = reg
            .rx("counts._SIZE_AFTER")
            .match_at(text, m.end, text.len())
        {
            let n = parse_parameters(reg, sa.str(text, 0))?.unwrap_or(0);
            return Ok(Some((n, "size_after_name")));
        }
    }
    if [", ", " is ", " was "]
        .iter()
        .any(|p| starts_with_at(text, m.end, p))
    {
        if let Some(ap) = reg
            .rx("counts._SIZE_APPOSITION")
            .match_at(text, m.end, text.len())
        {
            let n = parse_parameters(reg, ap.str(text, 0))?.unwrap_or(0);
            return Ok(Some((n, "size_apposition")));
        }
    }
    let sent = crate::state::sentence_of(sentences, title_end, m.start);
    let window = slice(
        text,
        (sent.0 as i64).max(m.start as i64 - 60),
        (sent.1 as i64).min(m.end as i64 + 80),
    );
    if let Some(p) = reg
        .rx("counts._PARAMS_PHRASE")
        .search(window, 0, window.len())
    {
        let n = parse_parameters(reg, p.str(window, 0))?.unwrap_or(0);
        return Ok(Some((n, "parameters_phrase")));
    }
    Ok(None)
}

/// `find_numbers(text, state)` as (mention, attribute, value, rule) tuples, from the
/// state's hardware and model mentions in order; Err where a number does not fit an i64.
pub fn find_numbers(
    reg: &Registry,
    text: &str,
    title_end: usize,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
) -> Result<Vec<Cue>, TooLarge> {
    let mut out: Vec<Cue> = Vec::new();
    let mut prev_end: i64 = -1;
    for m in mentions {
        let i = m.index;
        if m.hardware {
            let time = reg
                .rx("counts._TIME_UNIT_AFTER")
                .match_at(text, m.end, text.len());
            if time.is_none() {
                if let Some(n) = count_before(reg, text, title_end, prev_end, m)? {
                    out.push((i, "count", n, "count_before_hardware"));
                }
            }
            prev_end = m.end as i64;
        } else if let Some((n, rule)) = parameters_of(reg, text, title_end, sentences, m)? {
            out.push((i, "parameters", n, rule));
        }
    }
    out.retain(|c| c.2 != 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_slices_and_floats() {
        assert_eq!(py_float("15.").unwrap(), 15.0);
        assert_eq!(py_float(".5").unwrap(), 0.5);
        assert_eq!(round_int(2.5).unwrap(), 2);
        assert_eq!(round_int(3.5).unwrap(), 4);
        assert_eq!(round_int(12.7 * 1e9).unwrap(), 12_700_000_000);
        assert!(round_int(f64::INFINITY).is_err() && py_int("99999999999999999999").is_err());
    }
}
