//! The inventory workbook's layout: one sheet per section of the model format, one column per
//! field. Export, template and import all read this one table, so a workbook written by
//! `export` imports back to the same model.

/// What a reference column may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Agency,
    Capability,
    Data,
    System,
    Project,
    /// Any element (a waiver's element).
    Any,
}

/// How a cell is read and written.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    /// The element's own id.
    Id,
    Ref(Target),
    /// A list cell of references (separated by `,`, `;` or new lines).
    Refs(Target),
    Enum(&'static [&'static str]),
    /// A list cell of enum words.
    Enums(&'static [&'static str]),
    Bool,
    /// A whole number in a range (security level 1..5).
    Int(u64, u64),
    Date,
    /// VND, whole đồng (`1.800.000.000` accepted).
    Money,
    /// A rule code (`REUSE003`).
    Code,
}

#[derive(Debug)]
pub struct Column {
    /// The field in the YAML format, nested with `.` (`cost.capex`).
    pub path: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub help_vi: &'static str,
    pub help_en: &'static str,
}

#[derive(Debug)]
pub struct Sheet {
    /// The section of the model format (`systems`), or `integrations` for the systems'
    /// integration lists.
    pub section: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub columns: &'static [Column],
}

impl Sheet {
    pub fn name(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Vi => self.vi,
            crate::i18n::Lang::En => self.en,
        }
    }
}

impl Column {
    pub fn header(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Vi => self.vi,
            crate::i18n::Lang::En => self.en,
        }
    }
}

const fn col(
    path: &'static str,
    vi: &'static str,
    en: &'static str,
    kind: Kind,
    required: bool,
    help_vi: &'static str,
    help_en: &'static str,
) -> Column {
    Column {
        path,
        vi,
        en,
        kind,
        required,
        help_vi,
        help_en,
    }
}

pub const AGENCY_LEVELS: &[&str] = &[
    "central",
    "province",
    "department",
    "district",
    "commune",
    "enterprise",
];
pub const CLASSIFICATIONS: &[&str] = &["open", "shared", "internal", "restricted", "secret"];
pub const LAYERS: &[&str] = &[
    "channel",
    "portal",
    "application",
    "data",
    "integration",
    "infrastructure",
    "security",
];
pub const STATUSES: &[&str] = &[
    "proposed",
    "planned",
    "building",
    "operational",
    "retiring",
    "retired",
];
pub const AUDIENCES: &[&str] = &["citizens", "businesses", "officials"];
pub const PROJECT_STATUSES: &[&str] = &[
    "proposed",
    "approved",
    "in-progress",
    "completed",
    "cancelled",
];
pub const FUNDINGS: &[&str] = &["public-investment", "service-lease", "other"];
pub const RULE_LEVELS: &[&str] = &["off", "info", "warning", "error"];
pub const MODEL_LEVELS: &[&str] = &["province", "ministry"];
pub const REFERENCES: &[&str] = &["national", "none"];

const ID_VI: &str = "Mã định danh: chữ thường không dấu, chữ số, `-`, phân đoạn bằng `.`";
const ID_EN: &str = "Id: lower-case ASCII letters, digits and `-`, dot-separated";
const NAME_VI: &str = "Tên đầy đủ";
const NAME_EN: &str = "Full name";
const SOURCE_VI: &str = "Văn bản pháp lý làm căn cứ";
const SOURCE_EN: &str = "The legal source";
const UNC_VI: &str = "Vì sao thông tin chưa được xác minh (tiếng Việt)";
const UNC_EN: &str = "Why it is not verified (Vietnamese)";
const UNC_EN_VI: &str = "Vì sao thông tin chưa được xác minh (tiếng Anh)";
const UNC_EN_EN: &str = "Why it is not verified (English)";
const DESC_VI: &str = "Mô tả";
const DESC_EN: &str = "Description";
const ORIGIN_VI: &str = "Mô hình nguồn (do kientruc merge ghi)";
const ORIGIN_EN: &str = "The source model (written by kientruc merge)";

pub static MODEL: Sheet = Sheet {
    section: "model",
    vi: "Mô hình",
    en: "Model",
    columns: &[
        col("id", "Mã", "Id", Kind::Id, true, ID_VI, ID_EN),
        col("name", "Tên", "Name", Kind::Text, true, NAME_VI, NAME_EN),
        col(
            "version",
            "Phiên bản",
            "Version",
            Kind::Text,
            false,
            "Phiên bản của mô hình (tự do)",
            "The model's own version (free text)",
        ),
        col(
            "framework",
            "Khung kiến trúc",
            "Framework",
            Kind::Text,
            false,
            "Phiên bản Khung kiến trúc: 3.0 hoặc 4.0",
            "Framework version: 3.0 or 4.0",
        ),
        col(
            "level",
            "Cấp",
            "Level",
            Kind::Enum(MODEL_LEVELS),
            false,
            "Cấp của kiến trúc",
            "The architecture's level",
        ),
        col(
            "authority",
            "Cơ quan phê duyệt",
            "Authority",
            Kind::Ref(Target::Agency),
            false,
            "Cơ quan phê duyệt kiến trúc (mã ở trang Cơ quan)",
            "The agency that approves the architecture",
        ),
        col(
            "reference",
            "Danh mục tham chiếu",
            "Reference",
            Kind::Enum(REFERENCES),
            false,
            "national: dùng danh mục quốc gia",
            "national: use the national catalogue",
        ),
        col(
            "description",
            "Mô tả",
            "Description",
            Kind::Text,
            false,
            DESC_VI,
            DESC_EN,
        ),
    ],
};

pub static AGENCIES: Sheet = Sheet {
    section: "agencies",
    vi: "Cơ quan",
    en: "Agencies",
    columns: &[
        col("id", "Mã", "Id", Kind::Id, true, ID_VI, ID_EN),
        col("name", "Tên", "Name", Kind::Text, true, NAME_VI, NAME_EN),
        col(
            "level",
            "Cấp",
            "Level",
            Kind::Enum(AGENCY_LEVELS),
            true,
            "Cấp hành chính",
            "Administrative level",
        ),
        col(
            "parent",
            "Cơ quan cấp trên",
            "Parent",
            Kind::Ref(Target::Agency),
            false,
            "Mã cơ quan cấp trên",
            "The parent agency's id",
        ),
        col(
            "valid_from",
            "Hiệu lực từ",
            "Valid from",
            Kind::Date,
            false,
            "Ngày bắt đầu tồn tại (YYYY-MM-DD)",
            "First day it exists (YYYY-MM-DD)",
        ),
        col(
            "valid_until",
            "Hiệu lực đến",
            "Valid until",
            Kind::Date,
            false,
            "Ngày cuối cùng tồn tại (sáp nhập, giải thể)",
            "Last day it exists (merged or abolished)",
        ),
        col(
            "successor",
            "Cơ quan kế thừa",
            "Successor",
            Kind::Ref(Target::Agency),
            false,
            "Cơ quan nhận nhiệm vụ",
            "The agency that took over",
        ),
        col(
            "source",
            "Căn cứ",
            "Source",
            Kind::Text,
            false,
            SOURCE_VI,
            SOURCE_EN,
        ),
        col(
            "uncertain.vi",
            "Chưa xác minh",
            "Uncertain",
            Kind::Text,
            false,
            UNC_VI,
            UNC_EN,
        ),
        col(
            "uncertain.en",
            "Chưa xác minh (tiếng Anh)",
            "Uncertain (English)",
            Kind::Text,
            false,
            UNC_EN_VI,
            UNC_EN_EN,
        ),
        col(
            "description",
            "Mô tả",
            "Description",
            Kind::Text,
            false,
            DESC_VI,
            DESC_EN,
        ),
        col(
            "origin",
            "Nguồn",
            "Origin",
            Kind::Id,
            false,
            ORIGIN_VI,
            ORIGIN_EN,
        ),
    ],
};

pub static CAPABILITIES: Sheet = Sheet {
    section: "capabilities",
    vi: "Năng lực",
    en: "Capabilities",
    columns: &[
        col("id", "Mã", "Id", Kind::Id, true, ID_VI, ID_EN),
        col("name", "Tên", "Name", Kind::Text, true, NAME_VI, NAME_EN),
        col(
            "domain",
            "Lĩnh vực",
            "Domain",
            Kind::Text,
            false,
            "Lĩnh vực (tự do): common, health, land…",
            "Domain (free text)",
        ),
        col(
            "platform",
            "Nền tảng",
            "Platform",
            Kind::Ref(Target::System),
            false,
            "Hệ thống dùng chung được chỉ định",
            "The designated shared system",
        ),
        col(
            "must_integrate",
            "Phải kết nối",
            "Must integrate",
            Kind::Refs(Target::System),
            false,
            "Hệ thống cung cấp năng lực này phải kết nối với các hệ thống này",
            "Providers must integrate with these systems",
        ),
        col(
            "allow_multiple",
            "Cho phép nhiều",
            "Allow multiple",
            Kind::Bool,
            false,
            "có: nhiều hệ thống cùng cung cấp là hợp lệ",
            "yes: several providers are fine",
        ),
        col(
            "deadline",
            "Hạn kết nối",
            "Deadline",
            Kind::Date,
            false,
            "Hạn chót phải có các kết nối bắt buộc",
            "Last day for the mandatory links",
        ),
        col(
            "source",
            "Căn cứ",
            "Source",
            Kind::Text,
            false,
            SOURCE_VI,
            SOURCE_EN,
        ),
        col(
            "uncertain.vi",
            "Chưa xác minh",
            "Uncertain",
            Kind::Text,
            false,
            UNC_VI,
            UNC_EN,
        ),
        col(
            "uncertain.en",
            "Chưa xác minh (tiếng Anh)",
            "Uncertain (English)",
            Kind::Text,
            false,
            UNC_EN_VI,
            UNC_EN_EN,
        ),
        col(
            "description",
            "Mô tả",
            "Description",
            Kind::Text,
            false,
            DESC_VI,
            DESC_EN,
        ),
        col(
            "origin",
            "Nguồn",
            "Origin",
            Kind::Id,
            false,
            ORIGIN_VI,
            ORIGIN_EN,
        ),
    ],
};

pub static DATA: Sheet = Sheet {
    section: "data",
    vi: "Dữ liệu",
    en: "Data",
    columns: &[
        col("id", "Mã", "Id", Kind::Id, true, ID_VI, ID_EN),
        col("name", "Tên", "Name", Kind::Text, true, NAME_VI, NAME_EN),
        col(
            "owner",
            "Cơ quan chủ quản",
            "Owner",
            Kind::Ref(Target::Agency),
            true,
            "Cơ quan chịu trách nhiệm về dữ liệu",
            "The accountable agency",
        ),
        col(
            "classification",
            "Phân loại",
            "Classification",
            Kind::Enum(CLASSIFICATIONS),
            true,
            "Mức độ chia sẻ",
            "Sharing classification",
        ),
        col(
            "personal",
            "Dữ liệu cá nhân",
            "Personal data",
            Kind::Bool,
            false,
            "có: chứa dữ liệu cá nhân",
            "yes: holds personal data",
        ),
        col(
            "source",
            "Căn cứ",
            "Source",
            Kind::Text,
            false,
            SOURCE_VI,
            SOURCE_EN,
        ),
        col(
            "uncertain.vi",
            "Chưa xác minh",
            "Uncertain",
            Kind::Text,
            false,
            UNC_VI,
            UNC_EN,
        ),
        col(
            "uncertain.en",
            "Chưa xác minh (tiếng Anh)",
            "Uncertain (English)",
            Kind::Text,
            false,
            UNC_EN_VI,
            UNC_EN_EN,
        ),
        col(
            "description",
            "Mô tả",
            "Description",
            Kind::Text,
            false,
            DESC_VI,
            DESC_EN,
        ),
        col(
            "origin",
            "Nguồn",
            "Origin",
            Kind::Id,
            false,
            ORIGIN_VI,
            ORIGIN_EN,
        ),
    ],
};

pub static SYSTEMS: Sheet = Sheet {
    section: "systems",
    vi: "Hệ thống",
    en: "Systems",
    columns: &[
        col("id", "Mã", "Id", Kind::Id, true, ID_VI, ID_EN),
        col("name", "Tên", "Name", Kind::Text, true, NAME_VI, NAME_EN),
        col(
            "layer",
            "Tầng",
            "Layer",
            Kind::Enum(LAYERS),
            true,
            "Tầng của Khung kiến trúc",
            "The framework layer",
        ),
        col(
            "owner",
            "Cơ quan chủ quản",
            "Owner",
            Kind::Ref(Target::Agency),
            true,
            "Cơ quan chủ quản hệ thống",
            "The owning agency",
        ),
        col(
            "status",
            "Trạng thái",
            "Status",
            Kind::Enum(STATUSES),
            true,
            "Trạng thái vòng đời",
            "Lifecycle status",
        ),
        col(
            "audience",
            "Đối tượng",
            "Audience",
            Kind::Enums(AUDIENCES),
            false,
            "Người dùng (danh sách)",
            "Users (a list)",
        ),
        col(
            "provides",
            "Cung cấp năng lực",
            "Provides",
            Kind::Refs(Target::Capability),
            false,
            "Năng lực hệ thống cung cấp (danh sách)",
            "Capabilities it provides (a list)",
        ),
        col(
            "requires",
            "Cần năng lực",
            "Requires",
            Kind::Refs(Target::Capability),
            false,
            "Năng lực hệ thống cần (danh sách)",
            "Capabilities it needs (a list)",
        ),
        col(
            "depends_on",
            "Phụ thuộc",
            "Depends on",
            Kind::Refs(Target::System),
            false,
            "Hệ thống cần khi vận hành (danh sách)",
            "Systems it needs at run time (a list)",
        ),
        col(
            "hosted_on",
            "Đặt tại",
            "Hosted on",
            Kind::Ref(Target::System),
            false,
            "Hạ tầng đặt hệ thống",
            "The infrastructure it runs on",
        ),
        col(
            "security_level",
            "Cấp độ an toàn",
            "Security level",
            Kind::Int(1, 5),
            false,
            "Cấp độ an toàn 1..5 (Nghị định 85/2016)",
            "Security level 1..5 (Decree 85/2016)",
        ),
        col(
            "data.master",
            "Dữ liệu gốc",
            "Masters data",
            Kind::Refs(Target::Data),
            false,
            "Dữ liệu hệ thống là nguồn gốc (danh sách)",
            "Data it is the master of (a list)",
        ),
        col(
            "data.read",
            "Đọc dữ liệu",
            "Reads data",
            Kind::Refs(Target::Data),
            false,
            "Dữ liệu đọc từ nguồn gốc (danh sách)",
            "Data it reads (a list)",
        ),
        col(
            "data.copy",
            "Sao chép dữ liệu",
            "Copies data",
            Kind::Refs(Target::Data),
            false,
            "Dữ liệu giữ bản sao (danh sách)",
            "Data it keeps a copy of (a list)",
        ),
        col(
            "replaces",
            "Thay thế",
            "Replaces",
            Kind::Refs(Target::System),
            false,
            "Hệ thống được kế thừa, thay thế (danh sách)",
            "Systems it supersedes (a list)",
        ),
        col(
            "project",
            "Dự án",
            "Project",
            Kind::Ref(Target::Project),
            false,
            "Dự án đầu tư hệ thống",
            "The project that delivers it",
        ),
        col(
            "cost.capex",
            "Đầu tư (đồng)",
            "Capex (VND)",
            Kind::Money,
            false,
            "Chi phí đầu tư, đồng",
            "Capital cost, VND",
        ),
        col(
            "cost.opex",
            "Vận hành/năm (đồng)",
            "Opex/year (VND)",
            Kind::Money,
            false,
            "Chi phí vận hành mỗi năm, đồng",
            "Yearly running cost, VND",
        ),
        col(
            "source",
            "Căn cứ",
            "Source",
            Kind::Text,
            false,
            SOURCE_VI,
            SOURCE_EN,
        ),
        col(
            "uncertain.vi",
            "Chưa xác minh",
            "Uncertain",
            Kind::Text,
            false,
            UNC_VI,
            UNC_EN,
        ),
        col(
            "uncertain.en",
            "Chưa xác minh (tiếng Anh)",
            "Uncertain (English)",
            Kind::Text,
            false,
            UNC_EN_VI,
            UNC_EN_EN,
        ),
        col(
            "description",
            "Mô tả",
            "Description",
            Kind::Text,
            false,
            DESC_VI,
            DESC_EN,
        ),
        col(
            "origin",
            "Nguồn",
            "Origin",
            Kind::Id,
            false,
            ORIGIN_VI,
            ORIGIN_EN,
        ),
    ],
};

pub static INTEGRATIONS: Sheet = Sheet {
    section: "integrations",
    vi: "Tích hợp",
    en: "Integrations",
    columns: &[
        col(
            "system",
            "Hệ thống",
            "System",
            Kind::Ref(Target::System),
            true,
            "Hệ thống khai báo kết nối",
            "The system that declares the link",
        ),
        col(
            "to",
            "Kết nối đến",
            "To",
            Kind::Ref(Target::System),
            true,
            "Hệ thống trao đổi dữ liệu",
            "The system data is exchanged with",
        ),
        col(
            "via",
            "Qua nền tảng",
            "Via",
            Kind::Ref(Target::System),
            false,
            "Nền tảng tích hợp, chia sẻ (LGSP, NDXP)",
            "The exchange platform (LGSP, NDXP)",
        ),
        col(
            "data",
            "Dữ liệu",
            "Data",
            Kind::Refs(Target::Data),
            false,
            "Dữ liệu trao đổi (danh sách)",
            "Data exchanged (a list)",
        ),
        col(
            "temporary_until",
            "Tạm thời đến",
            "Temporary until",
            Kind::Date,
            false,
            "Kết nối trực tiếp được chấp nhận đến ngày",
            "A direct link tolerated until",
        ),
        col(
            "description",
            "Mô tả",
            "Description",
            Kind::Text,
            false,
            DESC_VI,
            DESC_EN,
        ),
    ],
};

pub static PROJECTS: Sheet = Sheet {
    section: "projects",
    vi: "Dự án",
    en: "Projects",
    columns: &[
        col("id", "Mã", "Id", Kind::Id, true, ID_VI, ID_EN),
        col("name", "Tên", "Name", Kind::Text, true, NAME_VI, NAME_EN),
        col(
            "owner",
            "Chủ đầu tư",
            "Owner",
            Kind::Ref(Target::Agency),
            false,
            "Cơ quan chủ đầu tư",
            "The investing agency",
        ),
        col(
            "status",
            "Trạng thái",
            "Status",
            Kind::Enum(PROJECT_STATUSES),
            true,
            "Trạng thái dự án",
            "Project status",
        ),
        col(
            "funding",
            "Nguồn vốn",
            "Funding",
            Kind::Enum(FUNDINGS),
            false,
            "Hình thức đầu tư",
            "Funding",
        ),
        col(
            "budget",
            "Tổng mức (đồng)",
            "Budget (VND)",
            Kind::Money,
            false,
            "Tổng mức đầu tư, đồng",
            "Budget, VND",
        ),
        col(
            "delivers",
            "Hệ thống",
            "Delivers",
            Kind::Refs(Target::System),
            false,
            "Hệ thống dự án xây dựng (danh sách)",
            "Systems it delivers (a list)",
        ),
        col(
            "description",
            "Mô tả",
            "Description",
            Kind::Text,
            false,
            DESC_VI,
            DESC_EN,
        ),
        col(
            "origin",
            "Nguồn",
            "Origin",
            Kind::Id,
            false,
            ORIGIN_VI,
            ORIGIN_EN,
        ),
    ],
};

pub static WAIVERS: Sheet = Sheet {
    section: "waivers",
    vi: "Miễn trừ",
    en: "Waivers",
    columns: &[
        col(
            "rule",
            "Quy tắc",
            "Rule",
            Kind::Code,
            true,
            "Mã quy tắc được miễn trừ (kientruc rules)",
            "The rule code waived (kientruc rules)",
        ),
        col(
            "element",
            "Phần tử",
            "Element",
            Kind::Ref(Target::Any),
            true,
            "Phần tử được miễn trừ",
            "The element concerned",
        ),
        col(
            "reason",
            "Lý do",
            "Reason",
            Kind::Text,
            true,
            "Lý do miễn trừ",
            "Why",
        ),
        col(
            "approved_by",
            "Cơ quan chấp thuận",
            "Approved by",
            Kind::Ref(Target::Agency),
            true,
            "Cơ quan chấp thuận miễn trừ",
            "The approving agency",
        ),
        col(
            "expires",
            "Hết hạn",
            "Expires",
            Kind::Date,
            true,
            "Ngày hết hạn miễn trừ",
            "The waiver's expiry date",
        ),
    ],
};

pub static RULES: Sheet = Sheet {
    section: "rules",
    vi: "Quy tắc",
    en: "Rules",
    columns: &[
        col(
            "code",
            "Quy tắc",
            "Rule",
            Kind::Code,
            true,
            "Mã quy tắc",
            "The rule code",
        ),
        col(
            "level",
            "Mức",
            "Level",
            Kind::Enum(RULE_LEVELS),
            true,
            "off, info, warning, error",
            "off, info, warning, error",
        ),
    ],
};

/// Every sheet, in workbook order.
pub static SHEETS: [&Sheet; 9] = [
    &MODEL,
    &AGENCIES,
    &CAPABILITIES,
    &DATA,
    &SYSTEMS,
    &INTEGRATIONS,
    &PROJECTS,
    &WAIVERS,
    &RULES,
];

/// The spreadsheet name of a 0-based column (`A`, `Z`, `AA`).
pub fn letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
