//! KT008 stale-waiver, and the application of waivers: a finding matched by a waiver in force
//! (up to and including its expiry date) is kept with `waived` set; an expired waiver lets the
//! finding through and is reported; a waiver that matches no finding is reported too.

use std::collections::HashMap;

use super::{Context, Explain, Levels, Rule, Sink};
use crate::finding::{Finding, Principle, Severity, Waived};
use crate::i18n::Text;
use crate::source::Loc;

pub const KT008: Rule = Rule {
    code: "KT008",
    name: "stale-waiver",
    severity: Severity::Warning,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt008.vi.md"),
        en: include_str!("docs/kt008.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Miễn trừ đã hết hạn hoặc không còn dùng đến",
            en: "A waiver has expired or matches no finding",
        },
        Text {
            key: "expired",
            vi: "miễn trừ {rule} cho `{element}` đã hết hạn ngày {expires}; phát hiện được báo lại",
            en: "the {rule} waiver for `{element}` expired on {expires}; the finding is reported again",
        },
        Text {
            key: "unused",
            vi: "miễn trừ {rule} cho `{element}` không khớp phát hiện nào; hãy xoá nó",
            en: "the {rule} waiver for `{element}` matches no finding; remove it",
        },
        Text {
            key: "finding",
            vi: "phát hiện được miễn trừ trước đây",
            en: "the finding it used to waive",
        },
    ],
    check: None,
};

pub(super) fn apply(ctx: &Context<'_>, levels: &Levels, findings: &mut Vec<Finding>) {
    let waivers = &ctx.model.waivers;
    // Codes were resolved when the model was read: `dup001` names DUP001.
    let mut by_key: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, waiver) in waivers.iter().enumerate() {
        let Some(rule) = levels.waiver_rules.get(i) else {
            continue;
        };
        by_key
            .entry((rule.code, waiver.element.value.as_str()))
            .or_default()
            .push(i);
    }
    let mut used = vec![false; waivers.len()];
    let mut expired: Vec<(_, Loc)> = Vec::new();
    for finding in findings.iter_mut() {
        let Some(candidates) = by_key.get(&(finding.code(), finding.element.as_str())) else {
            continue;
        };
        let in_force = candidates
            .iter()
            .copied()
            .filter(|&w| waivers[w].expires.value >= ctx.today)
            .max_by_key(|&w| waivers[w].expires.value);
        match in_force {
            Some(w) => {
                used[w] = true;
                let waiver = &waivers[w];
                finding.waived = Some(Waived {
                    reason: waiver.reason.clone(),
                    approved_by: waiver.approved_by.value.to_string(),
                    expires: waiver.expires.value.to_string(),
                });
            }
            None => {
                for &w in candidates {
                    if !used[w] {
                        used[w] = true;
                        expired.push((w, finding.loc));
                    }
                }
            }
        }
    }
    let Some(severity) = levels.of(&KT008) else {
        return;
    };
    let mut sink = Sink::new(&KT008, severity, findings);
    for (w, finding_loc) in expired {
        let waiver = &waivers[w];
        let expires = waiver.expires.value.to_string();
        let element = waiver.element.value.as_str();
        sink.report(
            element,
            Loc::new(waiver.file, waiver.expires.span),
            "expired",
            &[
                ("rule", rule_code(levels, w)),
                ("element", element),
                ("expires", &expires),
            ],
        )
        .related(element, finding_loc, "finding", &[]);
    }
    for (w, waiver) in waivers.iter().enumerate() {
        if !used[w] {
            let element = waiver.element.value.as_str();
            sink.report(
                element,
                Loc::new(waiver.file, waiver.element.span),
                "unused",
                &[("rule", rule_code(levels, w)), ("element", element)],
            );
        }
    }
}

/// The code of the rule waiver `w` names, as the registry spells it.
fn rule_code(levels: &Levels, w: usize) -> &'static str {
    levels.waiver_rules.get(w).map_or("", |r| r.code)
}
