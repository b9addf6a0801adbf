//! What a recommendation's own words say about where it goes.
//!
//! Shared by compose (which must not print "(for recommendation to
//! Council)" after text that already says so) and the validator (which
//! queries text and route that disagree), so both read the words alike.

/// Words between "to" and "Council" that still name full Council.
const COUNCIL_QUALIFIERS: &[&str] = &["full", "the", "county", "borough", "city", "district"];

/// Words after "Council" that make it a thing, not the body: "to Council
/// Tax Support", "to council housing".
const COUNCIL_AS_THING: &[&str] = &[
    "tax",
    "housing",
    "homes",
    "owned",
    "tenants",
    "officers",
    "staff",
    "services",
    "service",
    "land",
    "property",
    "properties",
    "assets",
    "plan",
    "priorities",
    "policy",
    "policies",
    "budget",
    "funding",
    "members",
];

/// Whether the text already sends the recommendation on to full Council:
/// "for recommendation to Council", "to recommend to Full Council that…",
/// "recommends the budget to Council", "to refer the scheme to Council for
/// approval", "to Council for adoption".
pub(crate) fn says_council(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        if *w != "council"
            || words
                .get(i + 1)
                .is_some_and(|n| COUNCIL_AS_THING.contains(n))
        {
            return false;
        }
        let mut j = i;
        while j > 0 && COUNCIL_QUALIFIERS.contains(&words[j - 1]) {
            j -= 1;
        }
        if j == 0 || words[j - 1] != "to" {
            return false;
        }
        let recommends = words[j.saturating_sub(9)..j - 1]
            .iter()
            .any(|w| w.starts_with("recommend") || w.starts_with("refer") || *w == "commend");
        let for_decision = words.get(i + 1) == Some(&"for")
            && words.get(i + 2).is_some_and(|w| {
                [
                    "approval",
                    "decision",
                    "adoption",
                    "agreement",
                    "determination",
                ]
                .contains(w)
            });
        recommends || for_decision
    })
}

/// Whether the text says it is decided at this meeting: "for Cabinet
/// decision", "for decision by the Cabinet", "for executive decision".
pub(crate) fn says_decided_here(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    const HERE: &[&str] = &["cabinet", "executive", "mayor", "committee"];
    words.windows(3).any(|w| {
        (w[0] == "for" && HERE.contains(&w[1]) && w[2] == "decision")
            || (w[0] == "for" && w[1] == "decision" && w[2] == "by") && !words.contains(&"council")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_council_routes_as_written() {
        for s in [
            "Approve the budget for recommendation to Council.",
            "To recommend to Full Council that it adopts the plan;",
            "Recommends the Local Plan to Council",
            "To refer the scheme to the Council for approval",
            "Submit the strategy to Council for adoption",
        ] {
            assert!(says_council(s), "{s}");
        }
        for s in [
            "Approve the Council Tax Support scheme",
            "Agree to council housing rents rising by 2.7%",
            "Note the report to Council in March",
            "Approve the plan",
        ] {
            assert!(!says_council(s), "{s}");
        }
        assert!(says_decided_here("Approve the plan (for Cabinet decision)"));
        assert!(!says_decided_here("Approve the plan"));
    }
}
