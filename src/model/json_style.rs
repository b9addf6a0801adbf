//! Lays out a report's JSON the way clerks write report files.
//!
//! `serde_json`'s pretty printer puts every value of every object on a line
//! of its own, so a table row of three cells takes five lines and a report
//! grows by half again when written back. Clerks write small things on one
//! line (`{ "heading": "Cost", "align": "right" }`, a table row, a run of
//! bold text) and break only what holds structure (sections, tables, lists
//! of long items). This re-lays out `serde_json`'s compact output, which
//! keeps the fields in model order, without changing a byte of any value.

/// Lines are kept to this many characters where a break can shorten them:
/// as wide as clerks' own files, whose table columns and key-decision
/// blocks run to 140.
const WIDTH: usize = 150;

/// A parsed JSON value, holding slices of the compact text so that strings
/// and numbers are written back exactly as `serde_json` escaped them.
enum Node<'a> {
    Scalar(&'a str),
    Array(Vec<Node<'a>>),
    Object(Vec<(&'a str, Node<'a>)>),
}

/// Re-lays out compact JSON written by `serde_json` (no whitespace between
/// tokens); the result parses to the same value.
pub(crate) fn lay_out(compact: &str) -> String {
    let mut at = 0;
    let root = parse(compact.as_bytes(), compact, &mut at);
    debug_assert_eq!(at, compact.len(), "compact JSON is one value");
    let mut out = String::with_capacity(compact.len() + compact.len() / 8);
    write_broken(&root, 0, &mut out);
    out
}

fn parse<'a>(b: &[u8], s: &'a str, at: &mut usize) -> Node<'a> {
    match b[*at] {
        b'{' => {
            *at += 1;
            let mut members = Vec::new();
            while b[*at] != b'}' {
                let key = string(b, s, at);
                *at += 1; // ':'
                members.push((key, parse(b, s, at)));
                if b[*at] == b',' {
                    *at += 1;
                }
            }
            *at += 1;
            Node::Object(members)
        }
        b'[' => {
            *at += 1;
            let mut items = Vec::new();
            while b[*at] != b']' {
                items.push(parse(b, s, at));
                if b[*at] == b',' {
                    *at += 1;
                }
            }
            *at += 1;
            Node::Array(items)
        }
        b'"' => Node::Scalar(string(b, s, at)),
        _ => {
            let start = *at;
            while !matches!(b[*at], b',' | b']' | b'}') {
                *at += 1;
            }
            Node::Scalar(&s[start..*at])
        }
    }
}

/// A string token with its quotes and escapes, as written.
fn string<'a>(b: &[u8], s: &'a str, at: &mut usize) -> &'a str {
    let start = *at;
    *at += 1;
    while b[*at] != b'"' {
        *at += if b[*at] == b'\\' { 2 } else { 1 };
    }
    *at += 1;
    &s[start..*at]
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Characters the value takes on one line.
fn flat_width(node: &Node) -> usize {
    match node {
        Node::Scalar(s) => width(s),
        Node::Array(items) => {
            2 + items.iter().map(flat_width).sum::<usize>() + 2 * items.len().saturating_sub(1)
        }
        Node::Object(m) if m.is_empty() => 2,
        Node::Object(m) => {
            2 + m
                .iter()
                .map(|(k, v)| width(k) + 2 + flat_width(v) + 2)
                .sum::<usize>()
        }
    }
}

fn is_scalar(node: &Node) -> bool {
    matches!(node, Node::Scalar(_))
}

/// Rich text written as runs: strings and styled runs (`{"text", "bold"…}`),
/// at least one styled. Read as one sentence, so never broken.
fn is_runs(node: &Node) -> bool {
    let Node::Array(items) = node else {
        return false;
    };
    let styled = |item: &Node| match item {
        Node::Object(m) => {
            m.len() > 1
                && m.iter().all(|(k, v)| {
                    is_scalar(v)
                        && matches!(*k, "\"text\"" | "\"bold\"" | "\"italic\"" | "\"link\"")
                })
        }
        _ => false,
    };
    items.iter().any(styled) && items.iter().all(|i| is_scalar(i) || styled(i))
}

/// Whether `node`, starting at `column`, goes on one line.
fn inline(node: &Node, column: usize, in_array: bool) -> bool {
    let simple = |n: &Node| is_scalar(n) || is_runs(n);
    match node {
        Node::Scalar(_) => true,
        Node::Array(items) if items.is_empty() => true,
        Node::Object(m) if m.is_empty() => true,
        // The trailing comma counts.
        _ if column + flat_width(node) < WIDTH => true,
        _ if is_runs(node) => true,
        // An officer, a recommendation's text and route, an image.
        Node::Object(m) if m.iter().all(|(_, v)| simple(v)) => true,
        // A block, `{ "paragraph": … }`, follows what it holds.
        Node::Object(m) if m.len() == 1 => inline(&m[0].1, column + width(m[0].0) + 4, false),
        // A table row.
        Node::Array(items) if in_array => items.iter().all(simple),
        _ => false,
    }
}

fn write_flat(node: &Node, out: &mut String) {
    match node {
        Node::Scalar(s) => out.push_str(s),
        Node::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_flat(item, out);
            }
            out.push(']');
        }
        Node::Object(m) if m.is_empty() => out.push_str("{}"),
        Node::Object(m) => {
            out.push_str("{ ");
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                write_flat(v, out);
            }
            out.push_str(" }");
        }
    }
}

/// Writes `node` (a non-empty array or object) one member a line, each
/// member inline or broken in turn.
fn write_broken(node: &Node, indent: usize, out: &mut String) {
    let inner = indent + 2;
    let member = |value: &Node, column: usize, in_array: bool, out: &mut String| {
        if inline(value, column, in_array) {
            write_flat(value, out);
        } else {
            write_broken(value, inner, out);
        }
    };
    match node {
        Node::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.extend(std::iter::repeat_n(' ', inner));
                member(item, inner, true, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.extend(std::iter::repeat_n(' ', indent));
            out.push(']');
        }
        Node::Object(m) => {
            out.push_str("{\n");
            for (i, (k, v)) in m.iter().enumerate() {
                out.extend(std::iter::repeat_n(' ', inner));
                out.push_str(k);
                out.push_str(": ");
                member(v, inner + width(k) + 2, false, out);
                out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            out.extend(std::iter::repeat_n(' ', indent));
            out.push('}');
        }
        Node::Scalar(s) => out.push_str(s),
    }
}

#[cfg(test)]
mod tests {
    use super::lay_out;

    #[test]
    fn small_things_go_on_one_line_and_structure_breaks() {
        let long = "x".repeat(150);
        let compact = format!(
            r#"{{"meeting":{{"body":"cabinet","date":"2026-03-18"}},"wards":["a \"b\"","c"],"summary":[{{"paragraph":"{long}"}},{{"paragraph":["See ",{{"text":"{long}","bold":true}}]}}],"rows":[["{long}","1"]],"bullets":["{long}","{long}"],"empty":[],"none":{{}}}}"#
        );
        let laid = lay_out(&compact);
        let expected = format!(
            r#"{{
  "meeting": {{ "body": "cabinet", "date": "2026-03-18" }},
  "wards": ["a \"b\"", "c"],
  "summary": [
    {{ "paragraph": "{long}" }},
    {{ "paragraph": ["See ", {{ "text": "{long}", "bold": true }}] }}
  ],
  "rows": [
    ["{long}", "1"]
  ],
  "bullets": [
    "{long}",
    "{long}"
  ],
  "empty": [],
  "none": {{}}
}}"#
        );
        assert_eq!(laid, expected);
        let a: serde_json::Value = serde_json::from_str(&compact).unwrap();
        let b: serde_json::Value = serde_json::from_str(&laid).unwrap();
        assert_eq!(a, b);
    }
}
