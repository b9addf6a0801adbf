//! Every string of a report, with its JSON path.
//!
//! Most rules read text the same way (a placeholder in an alt text is as bad
//! as one in a paragraph), so the report is flattened once into a list of
//! [`Visit`]s and each rule filters it by [`Role`] and [`Part`].

use crate::model::{
    Block, Body, CallIn, Exemption, Field, Officer, Papers, Person, Report, Text, Urgency, Wards,
};
use std::borrow::Cow;

/// Which part of the report a string belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The first page: meeting, people, key decision, classification.
    Header,
    /// The executive summary.
    Summary,
    /// Recommendation `i` (from 0), with its blocks.
    Recommendation(usize),
    /// `report.sections[i]` (index as written, not as printed).
    Section(usize),
    /// Linked reports, background papers and contacts.
    BackMatter,
    /// `report.appendices[i]`: its title and content.
    Appendix(usize),
}

/// What a typed field should have held, for R1's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expected {
    /// "a date".
    pub what: &'static str,
    /// What the clerk should do.
    pub fix: &'static str,
}

/// What kind of string it is, so each rule reads only what it should.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Running text written by the author: paragraphs, list items,
    /// recommendations, reasons.
    Prose,
    /// Words quoted from another document: its references are its own.
    Quote,
    /// A title or heading.
    Heading,
    /// A table cell, column heading or total.
    Cell,
    /// A table or image caption.
    Caption,
    /// An image's alternative text.
    Alt,
    /// A name, post, ward or reference number.
    Name,
    /// A file, web or email address, or a telephone number.
    Address,
    /// An entry in background papers or linked reports: describes another document.
    Paper,
    /// A typed field (date, yes/no, reasons) that still holds template text.
    Unfilled(Expected),
}

/// One string of the report.
#[derive(Debug, Clone)]
pub(crate) struct Visit<'a> {
    /// JSON path (see the convention in `validate`'s module docs).
    pub path: String,
    /// The words, without styling.
    pub text: Cow<'a, str>,
    /// What kind of string.
    pub role: Role,
    /// Where in the report.
    pub part: Part,
}

const ANSWER: Expected = Expected {
    what: "\"yes\" or \"no\"",
    fix: "answer \"yes\" or \"no\"",
};
const NOTICE: Expected = Expected {
    what: "a date",
    fix: "enter the date the forward-plan notice was published (YYYY-MM-DD), or remove the field if this is not a key decision",
};
const REASONS: Expected = Expected {
    what: "a list of key-decision reasons",
    fix: "list \"financial_threshold\" and/or \"two_or_more_wards\", or remove the field if this is not a key decision",
};

/// Every string of `report` in document order.
pub(crate) fn visits(report: &Report) -> Vec<Visit<'_>> {
    let mut w = Walker {
        out: Vec::new(),
        part: Part::Header,
    };
    w.report(report);
    w.out
}

struct Walker<'a> {
    out: Vec<Visit<'a>>,
    part: Part,
}

impl<'a> Walker<'a> {
    fn push(&mut self, path: String, text: Cow<'a, str>, role: Role) {
        self.out.push(Visit {
            path,
            text,
            role,
            part: self.part,
        });
    }

    fn str(&mut self, path: String, s: &'a str, role: Role) {
        self.push(path, Cow::Borrowed(s), role);
    }

    /// A rich text is one value at its path; a run's link is `runs[k].link`,
    /// where `runs` is the JSON path of the array of runs (for a paragraph
    /// block, `…blocks[j].paragraph`, though the text is reported at the block).
    fn text_in(&mut self, path: String, runs: &str, t: &'a Text, role: Role) {
        let plain = match t.0.as_slice() {
            [one] => Cow::Borrowed(one.text.as_str()),
            _ => Cow::Owned(t.plain()),
        };
        self.push(path, plain, role);
        for (k, span) in t.0.iter().enumerate() {
            if let Some(link) = &span.link {
                self.str(format!("{runs}[{k}].link"), link, Role::Address);
            }
        }
    }

    fn text(&mut self, path: String, t: &'a Text, role: Role) {
        // The path again for the runs' links, copied only when there is one.
        let runs = if t.0.iter().any(|s| s.link.is_some()) {
            path.clone()
        } else {
            String::new()
        };
        self.text_in(path, &runs, t, role);
    }

    fn field<T>(&mut self, path: &str, f: &'a Option<Field<T>>, expected: Expected) {
        if let Some(Field::Unfilled(s)) = f {
            self.str(path.to_string(), s, Role::Unfilled(expected));
        }
    }

    fn body(&mut self, path: &str, b: &'a Body) {
        let key = b.key();
        if let Body::Committee(n) | Body::CabinetMember(n) | Body::Officer(n) = b {
            self.str(format!("{path}.{key}"), n, Role::Name);
        }
    }

    fn person(&mut self, path: &str, p: &'a Person) {
        self.str(format!("{path}.name"), &p.name, Role::Name);
        self.str(format!("{path}.role"), &p.role, Role::Name);
    }

    fn officer(&mut self, path: &str, o: &'a Officer) {
        self.str(format!("{path}.name"), &o.name, Role::Name);
        self.str(format!("{path}.job_title"), &o.job_title, Role::Name);
        if let Some(p) = &o.phone {
            self.str(format!("{path}.phone"), p, Role::Address);
        }
        if let Some(e) = &o.email {
            self.str(format!("{path}.email"), e, Role::Address);
        }
    }

    fn exemption(&mut self, path: &str, e: &'a Option<Exemption>) {
        if let Some(e) = e {
            self.str(
                format!("{path}.exempt.public_interest"),
                &e.public_interest,
                Role::Prose,
            );
        }
    }

    fn papers(&mut self, path: &str, p: &'a Option<Papers>) {
        if let Some(Papers::Listed(items)) = p {
            for (i, t) in items.iter().enumerate() {
                self.text(format!("{path}[{i}]"), t, Role::Paper);
            }
        }
    }

    fn report(&mut self, r: &'a Report) {
        if let Some(t) = &r.template {
            self.str("$.template".into(), t, Role::Address);
        }
        self.body("$.meeting.body", &r.meeting.body);
        if let Some(a) = &r.meeting.agenda_item {
            self.str("$.meeting.agenda_item".into(), a, Role::Name);
        }
        if let Some(d) = &r.decision_maker {
            self.body("$.decision_maker", d);
        }
        self.str("$.title".into(), &r.title, Role::Heading);
        if let Some(s) = &r.short_title {
            self.str("$.short_title".into(), s, Role::Heading);
        }
        self.person("$.report_of", &r.report_of);
        if let Some(m) = &r.lead_member {
            self.person("$.lead_member", m);
        }
        for (i, o) in r.originating_officers.iter().enumerate() {
            self.officer(&format!("$.originating_officers[{i}]"), o);
        }
        if let Wards::Listed(ws) = &r.wards {
            for (i, w) in ws.iter().enumerate() {
                self.str(format!("$.wards[{i}]"), w, Role::Name);
            }
        }
        let k = &r.key_decision;
        if let Field::Unfilled(s) = &k.answer {
            self.str("$.key_decision.answer".into(), s, Role::Unfilled(ANSWER));
        }
        self.field("$.key_decision.reasons", &k.reasons, REASONS);
        self.field(
            "$.key_decision.notice_published",
            &k.notice_published,
            NOTICE,
        );
        if let Some(f) = &k.forward_plan_ref {
            self.str("$.key_decision.forward_plan_ref".into(), f, Role::Name);
        }
        match &k.urgency {
            Some(Urgency::GeneralException { reason }) => self.str(
                "$.key_decision.urgency.general_exception.reason".into(),
                reason,
                Role::Prose,
            ),
            Some(Urgency::SpecialUrgency { reason, agreed_by }) => {
                let p = "$.key_decision.urgency.special_urgency";
                self.str(format!("{p}.reason"), reason, Role::Prose);
                self.str(format!("{p}.agreed_by"), agreed_by, Role::Name);
            }
            None => {}
        }
        for (i, s) in r.strategic_priorities.iter().enumerate() {
            self.str(format!("$.strategic_priorities[{i}]"), s, Role::Prose);
        }
        if let Some(CallIn::Exempt(why)) = &r.call_in {
            self.str("$.call_in.exempt".into(), why, Role::Prose);
        }
        if let Some(l) = &r.lateness {
            self.text("$.lateness".into(), l, Role::Prose);
        }
        if let Some(s) = &r.key_decision.statement {
            self.text("$.key_decision.statement".into(), s, Role::Prose);
        }
        for (id, lines) in &r.header_rows {
            let path = format!("$.header_rows.{id}");
            match lines.0.as_slice() {
                [one] => self.text(path, one, Role::Name),
                all => {
                    for (k, line) in all.iter().enumerate() {
                        self.text(format!("{path}[{k}]"), line, Role::Name);
                    }
                }
            }
        }
        self.exemption("$", &r.exempt);

        self.part = Part::Summary;
        self.blocks("$.summary", &r.summary);

        for (i, rec) in r.recommendations.iter().enumerate() {
            self.part = Part::Recommendation(i);
            let path = format!("$.recommendations[{i}]");
            self.text(format!("{path}.text"), &rec.text, Role::Prose);
            self.blocks(&format!("{path}.blocks"), &rec.blocks);
        }

        for (i, s) in r.sections.iter().enumerate() {
            self.part = Part::Section(i);
            let path = format!("$.sections[{i}]");
            if let Some(h) = &s.heading {
                self.str(format!("{path}.heading"), h, Role::Heading);
            }
            self.blocks(&format!("{path}.blocks"), &s.blocks);
            self.exemption(&path, &s.exempt);
            if let Some(who) = &s.sign_off {
                self.str(format!("{path}.sign_off"), who, Role::Name);
            }
        }

        self.part = Part::BackMatter;
        self.papers("$.linked_reports", &r.linked_reports);
        self.papers("$.background_papers", &r.background_papers);
        for (i, o) in r.contacts.iter().enumerate() {
            self.officer(&format!("$.contacts[{i}]"), o);
        }

        for (i, a) in r.appendices.iter().enumerate() {
            self.part = Part::Appendix(i);
            let path = format!("$.appendices[{i}]");
            self.str(format!("{path}.title"), &a.title, Role::Heading);
            self.exemption(&path, &a.exempt);
            self.blocks(&format!("{path}.blocks"), &a.blocks);
        }
    }

    /// A block is addressed by its index; what is inside it by the block's
    /// JSON key (`table`, `bullets`, `image`) and the field beneath.
    fn blocks(&mut self, path: &str, blocks: &'a [Block]) {
        for (j, b) in blocks.iter().enumerate() {
            let bp = format!("{path}[{j}]");
            match b {
                Block::Paragraph(t) => {
                    self.text_in(bp.clone(), &format!("{bp}.paragraph"), t, Role::Prose)
                }
                Block::Continuation(t) => {
                    self.text_in(bp.clone(), &format!("{bp}.continuation"), t, Role::Prose)
                }
                Block::Subheading(t) => {
                    self.text_in(bp.clone(), &format!("{bp}.subheading"), t, Role::Heading)
                }
                Block::Quote(t) => self.text_in(bp.clone(), &format!("{bp}.quote"), t, Role::Quote),
                Block::Bullets(items) => self.items(&format!("{bp}.bullets"), items),
                Block::NumberedList(items) => self.items(&format!("{bp}.numbered_list"), items),
                Block::Table(t) => {
                    let tp = format!("{bp}.table");
                    if let Some(c) = &t.caption {
                        self.text(format!("{tp}.caption"), c, Role::Caption);
                    }
                    for (c, col) in t.columns.iter().enumerate() {
                        self.text(
                            format!("{tp}.columns[{c}].heading"),
                            &col.heading,
                            Role::Cell,
                        );
                    }
                    for (r, row) in t.rows.iter().enumerate() {
                        for (c, cell) in row.iter().enumerate() {
                            self.text(format!("{tp}.rows[{r}][{c}]"), cell, Role::Cell);
                        }
                    }
                    for (c, cell) in t.total.iter().flatten().enumerate() {
                        self.text(format!("{tp}.total[{c}]"), cell, Role::Cell);
                    }
                }
                Block::Image(img) => {
                    let ip = format!("{bp}.image");
                    self.str(format!("{ip}.src"), &img.src, Role::Address);
                    self.str(format!("{ip}.alt"), &img.alt, Role::Alt);
                    if let Some(c) = &img.caption {
                        self.text(format!("{ip}.caption"), c, Role::Caption);
                    }
                }
            }
        }
    }

    fn items(&mut self, path: &str, items: &'a [Text]) {
        for (k, t) in items.iter().enumerate() {
            self.text(format!("{path}[{k}]"), t, Role::Prose);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{
        Appendix, Column, Exemption, Image, KeyDecision, KeyReason, Recommendation, Span, Table,
    };
    use serde_json::Value;

    /// The value at a JSONPath of the form `$.a[1].b`, if there is one.
    pub(crate) fn resolve<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
        let mut v = root;
        let mut rest = path.strip_prefix('$')?;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                v = v.get(&r[..end])?;
                rest = &r[end..];
            } else {
                let r = rest.strip_prefix('[')?;
                let end = r.find(']')?;
                v = v.get(r[..end].parse::<usize>().ok()?)?;
                rest = &r[end + 1..];
            }
        }
        Some(v)
    }

    /// The text a JSON value holds: a string, an array of runs, or a block of either.
    fn text_of(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Array(runs) => runs
                .iter()
                .map(|r| match r {
                    Value::String(s) => Some(s.clone()),
                    other => other.get("text")?.as_str().map(str::to_string),
                })
                .collect(),
            Value::Object(block) if block.len() == 1 => text_of(block.values().next()?),
            _ => None,
        }
    }

    /// The sample with one of everything that holds text.
    pub(crate) fn everything() -> Report {
        let mut r = Report::sample();
        r.decision_maker = Some(Body::Committee("Licensing Committee".into()));
        r.originating_officers[0].phone = Some("020 7364 0000".into());
        r.originating_officers[0].email = Some("a@towerhamlets.gov.uk".into());
        r.wards = Wards::Listed(vec!["Bow East".into(), "Bow West".into()]);
        r.key_decision = KeyDecision::yes(
            vec![KeyReason::TwoOrMoreWards],
            crate::model::Date::parse_iso("2019-07-20").unwrap(),
        );
        r.key_decision.urgency = Some(Urgency::SpecialUrgency {
            reason: "Grant deadline".into(),
            agreed_by: "Chair of Overview and Scrutiny".into(),
        });
        r.call_in = Some(CallIn::Exempt("Urgent".into()));
        r.lateness = Some("Data arrived late".into());
        r.summary.push(Block::Paragraph(Text(vec![
            Span::plain("See "),
            Span::link("the Ofsted report", "https://reports.ofsted.gov.uk/"),
            Span::bold(" now."),
        ])));
        r.recommendations.push(Recommendation {
            text: "Agree the allocations".into(),
            route: crate::model::Route::Council,
            blocks: vec![Block::NumberedList(vec!["first".into(), "second".into()])],
        });
        r.sections[0].heading = Some("Why".into());
        r.sections[0].exempt = Some(Exemption {
            paragraphs: vec![3],
            public_interest: "Commercial".into(),
        });
        r.sections[2].blocks.push(Block::Table(Table {
            caption: Some("Costs".into()),
            columns: vec![
                Column {
                    heading: "Item".into(),
                    align: Default::default(),
                    width_percent: None,
                },
                Column {
                    heading: "£".into(),
                    align: Default::default(),
                    width_percent: Some(30.0),
                },
            ],
            rows: vec![
                vec!["Staff".into(), "1".into()],
                vec!["Systems".into(), "2".into()],
            ],
            header_column: true,
            total: Some(vec!["Total".into(), "3".into()]),
            ..Default::default()
        }));
        r.sections[2].blocks.push(Block::Image(Image {
            src: "chart.png".into(),
            alt: "A chart".into(),
            width_mm: None,
            caption: Some("Figure 1".into()),
        }));
        r.sections[2].blocks.push(Block::Subheading("Next".into()));
        r.sections[2]
            .blocks
            .push(Block::Continuation("More.".into()));
        r.linked_reports = Some(crate::model::Papers::Listed(vec![
            "Cabinet, 12 March 2019".into()
        ]));
        r.background_papers = Some(crate::model::Papers::Listed(vec!["Ofsted letter".into()]));
        r.contacts = r.originating_officers.clone();
        r.appendices.push(Appendix {
            title: "Plan".into(),
            exempt: Some(Exemption {
                paragraphs: vec![3],
                public_interest: "Commercial".into(),
            }),
            blocks: vec![Block::Bullets(vec!["one".into()]), Block::Quote("q".into())],
        });
        r.exempt = Some(Exemption {
            paragraphs: vec![1],
            public_interest: "Personal".into(),
        });
        r
    }

    #[test]
    fn every_path_is_the_json_path_of_its_text() {
        for report in [Report::sample(), everything()] {
            let json: Value = serde_json::from_str(&report.to_json()).unwrap();
            let vs = visits(&report);
            for v in &vs {
                let at = resolve(&json, &v.path)
                    .unwrap_or_else(|| panic!("{} does not resolve", v.path));
                assert_eq!(text_of(at).as_deref(), Some(v.text.as_ref()), "{}", v.path);
            }
            // Nothing is missed: every string in the JSON is visited, except
            // enum words, dates and keywords, which are not text.
            let visited: Vec<&str> = vs.iter().map(|v| v.path.as_str()).collect();
            let mut leaves = Vec::new();
            string_leaves(&json, "$".into(), &mut leaves);
            for (path, value) in leaves {
                if !is_text(&path, &value) {
                    continue;
                }
                let owner = text_path(&path);
                // A plain run among styled ones is a string of its own.
                let run_of = path
                    .rsplit_once('[')
                    .filter(|(runs, _)| {
                        resolve(&json, runs)
                            .and_then(Value::as_array)
                            .is_some_and(|a| a.iter().any(Value::is_object))
                    })
                    .map(|(runs, _)| text_path(runs));
                assert!(
                    visited.contains(&path.as_str())
                        || visited.contains(&owner.as_str())
                        || run_of.is_some_and(|o| visited.contains(&o.as_str())),
                    "{path} ({value}) is not visited as {owner}"
                );
            }
        }
        let paths: Vec<String> = visits(&everything()).into_iter().map(|v| v.path).collect();
        for expected in [
            "$.decision_maker.committee",
            "$.key_decision.urgency.special_urgency.agreed_by",
            "$.call_in.exempt",
            "$.exempt.public_interest",
            "$.summary[2]",
            "$.summary[2].paragraph[1].link",
            "$.recommendations[1].blocks[0].numbered_list[1]",
            "$.sections[0].heading",
            "$.sections[2].blocks[38].table.caption",
            "$.sections[2].blocks[38].table.columns[1].heading",
            "$.sections[2].blocks[38].table.rows[1][0]",
            "$.sections[2].blocks[38].table.total[1]",
            "$.sections[2].blocks[39].image.alt",
            "$.sections[2].blocks[39].image.caption",
            "$.linked_reports[0]",
            "$.background_papers[0]",
            "$.contacts[0].email",
            "$.appendices[1].title",
            "$.appendices[1].blocks[0].bullets[0]",
            "$.appendices[1].blocks[1]",
        ] {
            assert!(
                paths.contains(&expected.to_string()),
                "{expected} missing from {paths:?}"
            );
        }
    }

    fn string_leaves(v: &Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            Value::String(s) => out.push((path, s.clone())),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    string_leaves(x, format!("{path}[{i}]"), out);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    string_leaves(x, format!("{path}.{k}"), out);
                }
            }
            _ => {}
        }
    }

    /// Enum words, dates and keywords are not text.
    fn is_text(path: &str, value: &str) -> bool {
        let key = path.rsplit('.').next().unwrap_or("");
        let keyword = matches!(
            key,
            "kind" | "route" | "align" | "purpose" | "date" | "report_date"
        ) || matches!(path, "$.meeting.body" | "$.decision_maker")
            || path.starts_with("$.key_decision.reasons[")
            || (path == "$.key_decision.answer" && (value == "yes" || value == "no"))
            || (path == "$.key_decision.notice_published"
                && crate::model::Date::parse_iso(value).is_some())
            || (matches!(
                path,
                "$.wards" | "$.linked_reports" | "$.background_papers" | "$.call_in"
            ) && matches!(value, "all" | "none" | "applies"));
        !keyword
    }

    /// The path a string is reported at: a run's text belongs to its text,
    /// a one-text block's text to the block.
    fn text_path(leaf: &str) -> String {
        let mut p = leaf.to_string();
        if let Some(runs) = p
            .strip_suffix(".text")
            .and_then(|r| r.rsplit_once('['))
            .map(|(a, _)| a.to_string())
        {
            p = runs;
        }
        for kind in [".paragraph", ".continuation", ".subheading", ".quote"] {
            if let Some(block) = p.strip_suffix(kind) {
                return block.to_string();
            }
        }
        p
    }
}
