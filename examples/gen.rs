//! A generator of synthetic national-scale models, for benchmarks and stress tests:
//! `cargo run --release --example gen -- --provinces N --systems M --seed S --out DIR`.
//!
//! It writes one directory per province (agencies, capabilities, data, projects and systems in
//! files of their own, systems split in parts of 100) and one `model.yaml` at the top (a
//! national model, `level: ministry`). Every province integrates through its own LGSP, is
//! hosted on its own data centre and reaches the national platforms (`vn.ndxp`, `vn.vneid`,
//! `vn.dvcqg`, `vn.emc`, `vn.truc-lien-thong-van-ban`, `vn.csdl-dan-cu`, data `vn.dl-dan-cu`).
//! Ids are prefixed with the province code (`t01.lgsp`), so they are unique nationally.
//! Each province holds exactly three planted violations, printed at the end: one duplicate
//! capability (DUP001), one point-to-point link (SHARE002) and one unclassified system
//! (SEC001). The output is a pure function of the arguments (a SplitMix64 generator).
//!
//! All scalars written are ASCII ids, numbers, or Vietnamese names made of letters, digits and
//! spaces only, so they need no YAML quoting; the generator never writes user input.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// SplitMix64: tiny, fast and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Args {
    provinces: usize,
    systems: usize,
    seed: u64,
    out: PathBuf,
    /// Plant one mistyped reference per province (KT001, with a "did you mean").
    typos: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        provinces: 1,
        systems: 1000,
        seed: 1,
        out: PathBuf::from("target/gen"),
        typos: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--typos" {
            args.typos = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|e| format!("{flag} {value}: {e}"))
        };
        match flag.as_str() {
            "--provinces" => args.provinces = number()? as usize,
            "--systems" => args.systems = number()? as usize,
            "--seed" => args.seed = number()?,
            "--out" => args.out = PathBuf::from(&value),
            other => {
                return Err(format!(
                    "unknown argument `{other}` (--provinces N --systems M --seed S --out DIR [--typos])"
                ));
            }
        }
    }
    if args.provinces == 0 || args.provinces > 999 {
        return Err("--provinces must be 1..=999".into());
    }
    if args.systems < 10 {
        return Err("--systems must be at least 10".into());
    }
    Ok(args)
}

const DEPARTMENTS: &[(&str, &str)] = &[
    ("so-tttt", "Sở Thông tin và Truyền thông"),
    ("so-yte", "Sở Y tế"),
    ("so-gddt", "Sở Giáo dục và Đào tạo"),
    ("so-tnmt", "Sở Tài nguyên và Môi trường"),
    ("so-tc", "Sở Tài chính"),
    ("so-khdt", "Sở Kế hoạch và Đầu tư"),
    ("so-gtvt", "Sở Giao thông vận tải"),
    ("so-xd", "Sở Xây dựng"),
    ("so-nnptnt", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("so-ldtbxh", "Sở Lao động Thương binh và Xã hội"),
    ("so-tp", "Sở Tư pháp"),
    ("so-nv", "Sở Nội vụ"),
    ("so-ct", "Sở Công Thương"),
    ("so-vhttdl", "Sở Văn hóa Thể thao và Du lịch"),
    ("so-khcn", "Sở Khoa học và Công nghệ"),
    ("van-phong-ubnd", "Văn phòng Ủy ban nhân dân"),
    ("thanh-tra", "Thanh tra tỉnh"),
    ("ban-qlda", "Ban Quản lý dự án đầu tư xây dựng"),
    ("cong-an", "Công an tỉnh"),
    ("bhxh", "Bảo hiểm xã hội tỉnh"),
];

const TOPICS: &[&str] = &[
    "đất đai",
    "y tế",
    "giáo dục",
    "giao thông",
    "xây dựng",
    "tài chính",
    "nông nghiệp",
    "lao động",
    "tư pháp",
    "nội vụ",
    "thương mại",
    "du lịch",
    "khoa học",
    "môi trường",
    "thanh tra",
    "hộ tịch",
    "doanh nghiệp",
    "văn bản",
    "quy hoạch",
    "an sinh",
];

const KINDS: &[&str] = &[
    "Hệ thống quản lý",
    "Phần mềm theo dõi",
    "Cơ sở dữ liệu",
    "Hệ thống báo cáo",
    "Cổng thông tin",
    "Ứng dụng di động",
    "Hệ thống giám sát",
    "Nền tảng số",
];

/// Data sets per province: one per ten systems.
fn data_count(systems: usize) -> usize {
    (systems / 10).max(1)
}

/// Projects per province.
const PROJECTS: usize = 10;

/// The fixed systems every province has, before the generated ones.
const FIXED: usize = 6;

struct Province {
    code: String,
    number: usize,
}

impl Province {
    fn id(&self, local: &str) -> String {
        format!("{}.{local}", self.code)
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen: {message}");
            return ExitCode::from(2);
        }
    };
    match generate(&args) {
        Ok(bytes) => {
            let n = args.provinces;
            let report = format!(
                "wrote {n} provinces × {} systems to {} ({:.1} MB of YAML)\n\
                 planted violations ({} in all, 3 per province):\n  \
                 {n} × DUP001 duplicate-capability  (tNN.app-0010 also provides tNN.cap-0000, provided by tNN.app-0000)\n  \
                 {n} × SHARE002 point-to-point      (tNN.app-0020 → tNN.app-0021, different owners, no via)\n  \
                 {n} × SEC001 unclassified-system   (tNN.app-0030 has no security_level)\n{}",
                args.systems,
                args.out.display(),
                bytes as f64 / 1e6,
                3 * n,
                if args.typos {
                    format!(
                        "and with --typos, one unknown reference per province:\n  \
                         {n} × KT001 unknown-reference     (tNN.app-0041 depends on tNN.ap-0040: did you mean tNN.app-0040?)\n"
                    )
                } else {
                    String::new()
                }
            );
            // A closed pipe (`| head`) is no failure: the files are written already.
            let _ = std::io::stdout().write_all(report.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen: {error}");
            ExitCode::from(2)
        }
    }
}

fn write(path: &Path, text: &str, total: &mut usize) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    *total += text.len();
    std::fs::write(path, text)
}

fn generate(args: &Args) -> std::io::Result<usize> {
    let mut total = 0;
    std::fs::create_dir_all(&args.out)?;
    let model = "# A synthetic national model written by `cargo run --example gen`.\n\
        model:\n  id: quoc-gia\n  name: Kiến trúc Chính phủ số quốc gia tổng hợp\n  \
        version: \"1.0\"\n  framework: \"3.0\"\n  level: ministry\n\
        # Every province runs its own: one provider per province is no duplicate nationally.\n\
        capabilities:\n\
        \x20 - id: hosting\n    name: Hạ tầng máy chủ, lưu trữ dùng chung\n    allow_multiple: true\n\
        \x20 - id: procedure-processing\n    name: Giải quyết thủ tục hành chính\n    allow_multiple: true\n\
        \x20 - id: document-management\n    name: Quản lý văn bản và điều hành\n    allow_multiple: true\n";
    write(&args.out.join("model.yaml"), model, &mut total)?;
    for number in 1..=args.provinces {
        let province = Province {
            code: format!("t{number:02}"),
            number,
        };
        let mut rng = Rng(args.seed ^ (number as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        let dir = args.out.join(&province.code);
        write(&dir.join("agencies.yaml"), &agencies(&province), &mut total)?;
        write(
            &dir.join("capabilities.yaml"),
            &capabilities(&province, args.systems),
            &mut total,
        )?;
        write(
            &dir.join("data.yaml"),
            &data(&province, args.systems, &mut rng),
            &mut total,
        )?;
        write(
            &dir.join("projects.yaml"),
            &projects(&province, &mut rng),
            &mut total,
        )?;
        let systems = systems(&province, args.systems, &mut rng, args.typos);
        for (part, text) in systems.iter().enumerate() {
            write(
                &dir.join(format!("systems/part-{part:03}.yaml")),
                text,
                &mut total,
            )?;
        }
    }
    Ok(total)
}

fn agencies(p: &Province) -> String {
    let mut out = String::from("agencies:\n");
    let _ = writeln!(
        out,
        "  - id: {}\n    name: Ủy ban nhân dân tỉnh số {}\n    level: province",
        p.id("ubnd"),
        p.number
    );
    for (id, name) in DEPARTMENTS {
        let _ = writeln!(
            out,
            "  - id: {}\n    name: {name} tỉnh số {}\n    level: department\n    parent: {}",
            p.id(id),
            p.number,
            p.id("ubnd")
        );
    }
    out
}

/// One business capability per five generated systems (`app-0000`, `app-0005`, …), each with
/// exactly one provider.
fn capabilities(p: &Province, systems: usize) -> String {
    let mut out = String::from("capabilities:\n");
    for i in 0..(systems - FIXED).div_ceil(5) {
        let _ = writeln!(
            out,
            "  - id: {}\n    name: Nghiệp vụ {} số {i} tỉnh số {}\n    domain: {}",
            p.id(&format!("cap-{i:04}")),
            TOPICS[i % TOPICS.len()],
            p.number,
            if i.is_multiple_of(3) {
                "common"
            } else {
                "business"
            }
        );
    }
    out
}

fn data(p: &Province, systems: usize, rng: &mut Rng) -> String {
    let mut out = String::from("data:\n");
    for d in 0..data_count(systems) {
        let (owner, _) = DEPARTMENTS[d % DEPARTMENTS.len()];
        let classification = rng.pick(&["shared", "internal", "restricted"]);
        let _ = writeln!(
            out,
            "  - id: {}\n    name: Cơ sở dữ liệu {} số {d} tỉnh số {}\n    owner: {}\n    classification: {classification}\n    personal: {}",
            p.id(&format!("dl-{d:04}")),
            TOPICS[d % TOPICS.len()],
            p.number,
            p.id(owner),
            d.is_multiple_of(4)
        );
    }
    out
}

fn projects(p: &Province, rng: &mut Rng) -> String {
    let mut out = String::from("projects:\n");
    for j in 0..PROJECTS {
        let (owner, _) = DEPARTMENTS[j % DEPARTMENTS.len()];
        let _ = writeln!(
            out,
            "  - id: {}\n    name: Dự án chuyển đổi số {} giai đoạn {j} tỉnh số {}\n    owner: {}\n    status: {}\n    funding: {}\n    budget: {}",
            p.id(&format!("da-{j:02}")),
            TOPICS[j % TOPICS.len()],
            p.number,
            p.id(owner),
            rng.pick(&["approved", "in-progress", "completed"]),
            rng.pick(&["public-investment", "service-lease"]),
            (rng.below(90) + 10) as u64 * 1_000_000_000
        );
    }
    out
}

/// The systems of one province, in parts of 100.
fn systems(p: &Province, count: usize, rng: &mut Rng, typos: bool) -> Vec<String> {
    let lgsp = p.id("lgsp");
    let dc = p.id("dc");
    let tttt = p.id("so-tttt");
    let mut parts = Vec::new();
    let mut out = String::from("systems:\n");
    let _ = write!(
        out,
        "  - id: {dc}\n    name: Trung tâm dữ liệu tỉnh số {n}\n    layer: infrastructure\n    owner: {tttt}\n    status: operational\n    provides: [hosting]\n    security_level: 4\n\
         \x20 - id: {lgsp}\n    name: Nền tảng tích hợp chia sẻ dữ liệu tỉnh số {n}\n    layer: integration\n    owner: {tttt}\n    status: operational\n    provides: [data-exchange]\n    depends_on: [vn.ndxp]\n    hosted_on: {dc}\n    security_level: 4\n    integrations:\n      - to: vn.ndxp\n        via: {lgsp}\n\
         \x20 - id: {dvc}\n    name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh số {n}\n    layer: portal\n    owner: {vp}\n    status: operational\n    audience: [citizens, businesses]\n    provides: [procedure-processing]\n    requires: [identity]\n    depends_on: [{lgsp}, vn.vneid]\n    hosted_on: {dc}\n    security_level: 3\n    data:\n      read: [vn.dl-dan-cu]\n    integrations:\n      - to: vn.dvcqg\n        via: {lgsp}\n      - to: vn.emc\n        via: {lgsp}\n      - to: vn.csdl-dan-cu\n        via: {lgsp}\n        data: [vn.dl-dan-cu]\n\
         \x20 - id: {qlvb}\n    name: Hệ thống quản lý văn bản và điều hành tỉnh số {n}\n    layer: application\n    owner: {vp}\n    status: operational\n    audience: [officials]\n    provides: [document-management]\n    depends_on: [{lgsp}]\n    hosted_on: {dc}\n    security_level: 3\n    integrations:\n      - to: vn.truc-lien-thong-van-ban\n        via: {lgsp}\n\
         \x20 - id: {mobile}\n    name: Ứng dụng di động dịch vụ công tỉnh số {n}\n    layer: channel\n    owner: {vp}\n    status: operational\n    audience: [citizens]\n    depends_on: [{dvc}]\n    hosted_on: {dc}\n    security_level: 3\n\
         \x20 - id: {kiosk}\n    name: Ki ốt dịch vụ công tại bộ phận một cửa tỉnh số {n}\n    layer: channel\n    owner: {vp}\n    status: operational\n    audience: [citizens]\n    depends_on: [{dvc}]\n    hosted_on: {dc}\n    security_level: 3\n",
        n = p.number,
        mobile = p.id("mobile"),
        kiosk = p.id("kiosk"),
        dvc = p.id("dvc"),
        qlvb = p.id("qlvb"),
        vp = p.id("van-phong-ubnd"),
    );
    let data_sets = data_count(count);
    let mut last_data_system: Option<String> = None;
    for i in 0..count - FIXED {
        let id = p.id(&format!("app-{i:04}"));
        let department = i % DEPARTMENTS.len();
        let owner = p.id(DEPARTMENTS[department].0);
        // Every tenth system is a data-layer system, mastering one data set.
        let layer = if i.is_multiple_of(10) {
            "data"
        } else {
            "application"
        };
        let mut provides = Vec::new();
        if i.is_multiple_of(5) {
            provides.push(p.id(&format!("cap-{:04}", i / 5)));
        }
        if i == 10 {
            provides.push(p.id("cap-0000"));
        }
        let mut depends = vec![lgsp.clone()];
        if typos && i == 41 {
            // A letter left out of `tNN.app-0040`: KT001, "did you mean `tNN.app-0040`?".
            depends.push(p.id("ap-0040"));
        }
        if layer == "application"
            && let Some(data_system) = &last_data_system
        {
            depends.push(data_system.clone());
        }
        let status = if i.is_multiple_of(17) && layer != "data" {
            "building"
        } else {
            "operational"
        };
        let _ = write!(
            out,
            "  - id: {id}\n    name: {} {} số {i} tỉnh số {}\n    layer: {layer}\n    owner: {owner}\n    status: {status}\n",
            rng.pick(KINDS),
            TOPICS[i % TOPICS.len()],
            p.number,
        );
        if !provides.is_empty() {
            let _ = writeln!(out, "    provides: [{}]", provides.join(", "));
        }
        if i.is_multiple_of(2) {
            let _ = writeln!(out, "    requires: [data-exchange]");
        }
        let _ = writeln!(
            out,
            "    depends_on: [{}]\n    hosted_on: {dc}",
            depends.join(", ")
        );
        if i != 30 {
            let _ = writeln!(out, "    security_level: 3");
        }
        let mut reads = Vec::new();
        if layer == "data" && i / 10 < data_sets {
            let _ = write!(
                out,
                "    data:\n      master: [{}]\n",
                p.id(&format!("dl-{:04}", i / 10))
            );
        } else if i >= 10 {
            let read = p.id(&format!("dl-{:04}", rng.below((i / 10).min(data_sets))));
            reads.push(read.clone());
            if i.is_multiple_of(5) {
                reads.push("vn.dl-dan-cu".to_string());
            }
            let _ = write!(out, "    data:\n      read: [{}]\n", reads.join(", "));
        }
        if i > 0 && i.is_multiple_of(3) {
            let to = p.id(&format!("app-{:04}", rng.below(i)));
            let _ = write!(
                out,
                "    integrations:\n      - to: {to}\n        via: {lgsp}\n"
            );
            if let Some(read) = reads.first() {
                let _ = writeln!(out, "        data: [{read}]");
            }
        } else if i == 20 {
            // The planted point-to-point link: app-0021 belongs to another department.
            let _ = writeln!(out, "    integrations:\n      - to: {}", p.id("app-0021"));
        }
        let _ = writeln!(
            out,
            "    project: {}",
            p.id(&format!("da-{:02}", i % PROJECTS))
        );
        if i % 2 == 1 {
            let _ = writeln!(
                out,
                "    cost: {{capex: {}, opex: {}}}",
                (rng.below(50) + 1) as u64 * 100_000_000,
                (rng.below(20) + 1) as u64 * 10_000_000,
            );
        }
        if i % 10 == 3 {
            let _ = writeln!(
                out,
                "    description: Hệ thống phục vụ nghiệp vụ {} của {}",
                TOPICS[(i + 3) % TOPICS.len()],
                DEPARTMENTS[department].1,
            );
        }
        if layer == "data" {
            last_data_system = Some(id);
        }
        if (i + FIXED + 1).is_multiple_of(100) {
            parts.push(std::mem::replace(&mut out, String::from("systems:\n")));
        }
    }
    if out.len() > "systems:\n".len() {
        parts.push(out);
    }
    parts
}
