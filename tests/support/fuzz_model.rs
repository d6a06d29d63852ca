//! Structured models for fuzzing the rules: a [`FuzzModel`] is built from arbitrary bytes (the
//! `arbitrary` crate) and rendered as the YAML of one model file. Ids come from one small pool
//! shared by every kind (with the national catalogue's ids among them), so references hit the
//! wrong kind, ids repeat, `depends_on` forms cycles, and names nearly collide — the situations
//! the rules must judge without panicking. Shared by `tests/fuzz.rs` (a short deterministic run
//! in `cargo test`) and `fuzz/fuzz_targets/rules.rs` (libFuzzer).

#![allow(dead_code)]

use std::fmt::Write as _;

use arbitrary::{Arbitrary, Unstructured};

#[derive(Arbitrary, Debug)]
pub struct FuzzModel {
    reference_none: bool,
    agencies: Vec<FuzzAgency>,
    capabilities: Vec<FuzzCapability>,
    data: Vec<FuzzData>,
    systems: Vec<FuzzSystem>,
    projects: Vec<FuzzProject>,
    rules: Vec<(u8, u8)>,
    waivers: Vec<FuzzWaiver>,
}

#[derive(Arbitrary, Debug)]
struct FuzzAgency {
    id: u8,
    name: u8,
    level: u8,
    parent: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct FuzzCapability {
    id: u8,
    name: u8,
    platform: Option<u8>,
    must_integrate: Vec<u8>,
    allow_multiple: Option<bool>,
}

#[derive(Arbitrary, Debug)]
struct FuzzData {
    id: u8,
    name: u8,
    owner: u8,
    classification: u8,
    personal: bool,
}

#[derive(Arbitrary, Debug)]
struct FuzzSystem {
    id: u8,
    name: u8,
    layer: u8,
    owner: u8,
    status: u8,
    audience: Vec<u8>,
    provides: Vec<u8>,
    requires: Vec<u8>,
    depends_on: Vec<u8>,
    hosted_on: Option<u8>,
    security_level: Option<u8>,
    master: Vec<u8>,
    read: Vec<u8>,
    copy: Vec<u8>,
    integrations: Vec<FuzzIntegration>,
    replaces: Vec<u8>,
    project: Option<u8>,
    cost: Option<(u32, u32)>,
}

#[derive(Arbitrary, Debug)]
struct FuzzIntegration {
    to: u8,
    via: Option<u8>,
    data: Vec<u8>,
    temporary_until: Option<u16>,
}

#[derive(Arbitrary, Debug)]
struct FuzzProject {
    id: u8,
    name: u8,
    owner: Option<u8>,
    status: u8,
    budget: Option<u32>,
    delivers: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct FuzzWaiver {
    rule: u8,
    element: u8,
    approved_by: u8,
    expires: u16,
}

/// The id pool: local ids, national ids and the national capabilities.
const NATIONAL: &[&str] = &[
    "vn.ndxp",
    "vn.vneid",
    "vn.dvcqg",
    "vn.emc",
    "vn.truc-lien-thong-van-ban",
    "vn.csdl-dan-cu",
    "vn.dl-dan-cu",
    "identity",
    "data-exchange",
    "hosting",
    "procedure-processing",
    "document-management",
];

fn id(n: u8) -> String {
    let n = n as usize % 40;
    match NATIONAL.get(n.wrapping_sub(28)) {
        Some(national) if n >= 28 => (*national).to_string(),
        _ => format!("e{n}"),
    }
}

/// Names that collide after case and diacritic folding, and some that do not.
const NAMES: &[&str] = &[
    "Hệ thống một cửa",
    "HỆ THỐNG MỘT CỬA",
    "He thong mot cua",
    "Cổng dịch vụ công",
    "Cong dich vu cong",
    "Sở Y tế",
    "Đường dây nóng",
    "Duong day nong",
    "Quản lý văn bản",
    "Kho dữ liệu",
];

/// An id to define: national `vn.` ids are the catalogue's, so a model cannot define them.
fn own(n: u8) -> String {
    let id = id(n);
    if id.starts_with("vn.") {
        format!("e{}", n % 28)
    } else {
        id
    }
}

fn name(n: u8) -> &'static str {
    NAMES[n as usize % NAMES.len()]
}

fn pick(options: &[&'static str], n: u8) -> &'static str {
    options[n as usize % options.len()]
}

fn list(items: &[u8]) -> String {
    let ids: Vec<String> = items.iter().take(4).map(|&i| id(i)).collect();
    format!("[{}]", ids.join(", "))
}

fn date(days: u16) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    (base + chrono::Duration::days(i64::from(days % 1500))).to_string()
}

const RULE_CODES: &[&str] = &[
    "KT001", "KT002", "KT003", "KT004", "KT005", "KT006", "KT007", "KT008", "REUSE001", "REUSE002",
    "REUSE003", "REUSE004", "REUSE005", "SHARE001", "SHARE002", "SHARE003", "SHARE004", "SHARE005",
    "DUP001", "DUP002", "DUP003", "LINK001", "LINK002", "SEC001", "SEC002", "SEC003",
];

impl FuzzModel {
    /// A model from arbitrary bytes (always succeeds: missing bytes read as zeros).
    pub fn from_bytes(bytes: &[u8]) -> FuzzModel {
        let mut input = Unstructured::new(bytes);
        FuzzModel::arbitrary(&mut input).unwrap_or(FuzzModel {
            reference_none: false,
            agencies: Vec::new(),
            capabilities: Vec::new(),
            data: Vec::new(),
            systems: Vec::new(),
            projects: Vec::new(),
            rules: Vec::new(),
            waivers: Vec::new(),
        })
    }

    /// The model as the YAML text of one file (with its `model:` section).
    pub fn to_yaml(&self) -> String {
        let mut out =
            String::from("model:\n  id: fuzz\n  name: Mô hình thử\n  framework: \"3.0\"\n");
        if self.reference_none {
            out.push_str("  reference: none\n");
        }
        let levels = [
            "central",
            "province",
            "department",
            "district",
            "commune",
            "enterprise",
        ];
        if !self.agencies.is_empty() {
            out.push_str("agencies:\n");
        }
        for a in self.agencies.iter().take(12) {
            let _ = writeln!(
                out,
                "  - id: {}\n    name: {}\n    level: {}",
                own(a.id),
                name(a.name),
                pick(&levels, a.level)
            );
            if let Some(p) = a.parent {
                let _ = writeln!(out, "    parent: {}", id(p));
            }
        }
        if !self.capabilities.is_empty() {
            out.push_str("capabilities:\n");
        }
        for c in self.capabilities.iter().take(12) {
            let _ = writeln!(out, "  - id: {}\n    name: {}", own(c.id), name(c.name));
            if let Some(p) = c.platform {
                let _ = writeln!(out, "    platform: {}", id(p));
            }
            if !c.must_integrate.is_empty() {
                let _ = writeln!(out, "    must_integrate: {}", list(&c.must_integrate));
            }
            if let Some(m) = c.allow_multiple {
                let _ = writeln!(out, "    allow_multiple: {m}");
            }
        }
        let classes = ["open", "shared", "internal", "restricted", "secret"];
        if !self.data.is_empty() {
            out.push_str("data:\n");
        }
        for d in self.data.iter().take(12) {
            let _ = writeln!(
                out,
                "  - id: {}\n    name: {}\n    owner: {}\n    classification: {}\n    personal: {}",
                own(d.id),
                name(d.name),
                id(d.owner),
                pick(&classes, d.classification),
                d.personal
            );
        }
        let layers = [
            "channel",
            "portal",
            "application",
            "data",
            "integration",
            "infrastructure",
            "security",
        ];
        let statuses = [
            "proposed",
            "planned",
            "building",
            "operational",
            "retiring",
            "retired",
        ];
        let audiences = ["citizens", "businesses", "officials"];
        if !self.systems.is_empty() {
            out.push_str("systems:\n");
        }
        for s in self.systems.iter().take(24) {
            let _ = writeln!(
                out,
                "  - id: {}\n    name: {}\n    layer: {}\n    owner: {}\n    status: {}",
                own(s.id),
                name(s.name),
                pick(&layers, s.layer),
                id(s.owner),
                pick(&statuses, s.status)
            );
            if !s.audience.is_empty() {
                let names: Vec<&str> = s
                    .audience
                    .iter()
                    .take(3)
                    .map(|&a| pick(&audiences, a))
                    .collect();
                let _ = writeln!(out, "    audience: [{}]", names.join(", "));
            }
            for (key, items) in [
                ("provides", &s.provides),
                ("requires", &s.requires),
                ("depends_on", &s.depends_on),
                ("replaces", &s.replaces),
            ] {
                if !items.is_empty() {
                    let _ = writeln!(out, "    {key}: {}", list(items));
                }
            }
            if let Some(h) = s.hosted_on {
                let _ = writeln!(out, "    hosted_on: {}", id(h));
            }
            if let Some(level) = s.security_level {
                let _ = writeln!(out, "    security_level: {}", 1 + level % 5);
            }
            if !(s.master.is_empty() && s.read.is_empty() && s.copy.is_empty()) {
                let _ = writeln!(
                    out,
                    "    data:\n      master: {}\n      read: {}\n      copy: {}",
                    list(&s.master),
                    list(&s.read),
                    list(&s.copy)
                );
            }
            if !s.integrations.is_empty() {
                out.push_str("    integrations:\n");
                for i in s.integrations.iter().take(4) {
                    let _ = writeln!(out, "      - to: {}", id(i.to));
                    if let Some(via) = i.via {
                        let _ = writeln!(out, "        via: {}", id(via));
                    }
                    if !i.data.is_empty() {
                        let _ = writeln!(out, "        data: {}", list(&i.data));
                    }
                    if let Some(until) = i.temporary_until {
                        let _ = writeln!(out, "        temporary_until: {}", date(until));
                    }
                }
            }
            if let Some(p) = s.project {
                let _ = writeln!(out, "    project: {}", id(p));
            }
            if let Some((capex, opex)) = s.cost {
                let _ = writeln!(out, "    cost: {{capex: {capex}, opex: {opex}}}");
            }
        }
        let project_statuses = [
            "proposed",
            "approved",
            "in-progress",
            "completed",
            "cancelled",
        ];
        if !self.projects.is_empty() {
            out.push_str("projects:\n");
        }
        for p in self.projects.iter().take(6) {
            let _ = writeln!(
                out,
                "  - id: {}\n    name: {}\n    status: {}",
                own(p.id),
                name(p.name),
                pick(&project_statuses, p.status)
            );
            if let Some(owner) = p.owner {
                let _ = writeln!(out, "    owner: {}", id(owner));
            }
            if let Some(budget) = p.budget {
                let _ = writeln!(out, "    budget: {budget}");
            }
            if !p.delivers.is_empty() {
                let _ = writeln!(out, "    delivers: {}", list(&p.delivers));
            }
        }
        let rule_levels = ["off", "info", "warning", "error"];
        if !self.rules.is_empty() {
            out.push_str("rules:\n");
        }
        let mut seen = std::collections::BTreeSet::new();
        for &(code, level) in self.rules.iter().take(6) {
            let code = pick(RULE_CODES, code);
            if seen.insert(code) {
                let _ = writeln!(out, "  {code}: {}", pick(&rule_levels, level));
            }
        }
        if !self.waivers.is_empty() {
            out.push_str("waivers:\n");
        }
        for w in self.waivers.iter().take(4) {
            let _ = writeln!(
                out,
                "  - rule: {}\n    element: {}\n    reason: Lý do thử\n    approved_by: {}\n    expires: {}",
                pick(RULE_CODES, w.rule),
                id(w.element),
                id(w.approved_by),
                date(w.expires)
            );
        }
        out
    }
}

/// What every fuzz target checks on one model text: loading never panics; a loaded model is
/// judged without panicking, deterministically, and every finding points inside its file.
pub fn check_text(bytes: &[u8]) {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default();
    let options = kientruc::Options {
        today,
        framework: None,
    };
    let Ok(loaded) = kientruc::load::load_bytes("fuzz.yaml", bytes) else {
        return;
    };
    let judged = kientruc::judge(&loaded, &options);
    let (findings, stats) = (&judged.findings, &judged.stats);
    for finding in findings {
        let text = &loaded.sources.get(finding.loc.file).text;
        assert!(
            finding.loc.span.end as usize <= text.len(),
            "{finding:?} points past its file"
        );
    }
    let report = kientruc::report::Report::new(
        findings,
        &judged.coverage,
        &loaded.sources,
        stats,
        kientruc::i18n::Lang::Vi,
    );
    let json = kientruc::report::render(kientruc::report::Format::Json, &report);
    let again = kientruc::judge(&loaded, &options).findings.len();
    assert_eq!(
        again,
        findings.len(),
        "judging twice gave different results"
    );
    assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "the JSON report does not parse"
    );
}
