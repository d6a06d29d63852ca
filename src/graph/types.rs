//! The vocabulary of the graph: element kinds, elements, edge kinds, and the facts the build
//! records (unresolved references, ids defined twice, resolved integrations).

use super::ix::{CapabilityIx, IntegrationIx, SystemIx};
use crate::model::Id;
use crate::source::Loc;

/// Capabilities whose meaning the rules know, by their id in the format: resolved once.
#[derive(Debug, Clone, Copy, Default)]
pub struct WellKnown {
    /// `data-exchange`: the platform that carries data between owners (LGSP, NDXP).
    pub data_exchange: Option<CapabilityIx>,
    /// `hosting`: the shared data centre or cloud.
    pub hosting: Option<CapabilityIx>,
    /// `open-data`: the open data portal.
    pub open_data: Option<CapabilityIx>,
}

impl WellKnown {
    pub const DATA_EXCHANGE: &'static str = "data-exchange";
    pub const HOSTING: &'static str = "hosting";
    pub const OPEN_DATA: &'static str = "open-data";
}

/// The kinds of element, each with its own section of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Agency,
    Capability,
    Data,
    System,
    Project,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agency => "agency",
            Kind::Capability => "capability",
            Kind::Data => "data",
            Kind::System => "system",
            Kind::Project => "project",
        }
    }
}

/// An element: its kind and its index in the model's list of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Element {
    pub kind: Kind,
    pub index: usize,
}

/// What a reference means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    DependsOn,
    HostedOn,
    /// `integrations[index]` of the source system.
    Integration(IntegrationIx),
    /// The platform an integration goes through.
    Via(IntegrationIx),
    IntegrationData(IntegrationIx),
    Provides,
    Requires,
    Master,
    Read,
    Copy,
    Owner,
    Parent,
    /// A merged or abolished agency names the one that took over its duties.
    Successor,
    Replaces,
    /// A system names the project that delivers it.
    Project,
    Delivers,
    Platform,
    MustIntegrate,
    Authority,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::DependsOn => "depends_on",
            EdgeKind::HostedOn => "hosted_on",
            EdgeKind::Integration(_) => "integration",
            EdgeKind::Via(_) => "via",
            EdgeKind::IntegrationData(_) => "integration_data",
            EdgeKind::Provides => "provides",
            EdgeKind::Requires => "requires",
            EdgeKind::Master => "master",
            EdgeKind::Read => "read",
            EdgeKind::Copy => "copy",
            EdgeKind::Owner => "owner",
            EdgeKind::Parent => "parent",
            EdgeKind::Successor => "successor",
            EdgeKind::Replaces => "replaces",
            EdgeKind::Project => "project",
            EdgeKind::Delivers => "delivers",
            EdgeKind::Platform => "platform",
            EdgeKind::MustIntegrate => "must_integrate",
            EdgeKind::Authority => "authority",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Edge {
    pub kind: EdgeKind,
    /// The reference as written.
    pub loc: Loc,
}

/// A reference that names no element of the kinds it may name.
#[derive(Debug, Clone)]
pub struct Unresolved {
    /// The element holding the reference.
    pub from: Element,
    pub id: Id,
    pub loc: Loc,
    pub expected: &'static [Kind],
    /// What the id names instead, if anything.
    pub found: Option<Kind>,
}

/// An id defined a second time.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub id: Id,
    pub first: (Element, Loc),
    pub again: (Element, Loc),
}

#[derive(Debug, Clone, Copy)]
pub struct ResolvedIntegration {
    /// Index in the system's `integrations`.
    pub index: IntegrationIx,
    pub to: Option<SystemIx>,
    pub via: Option<SystemIx>,
    pub loc: Loc,
}
