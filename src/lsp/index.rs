//! Where each id of a loaded model is defined and referred to, and which kinds each reference
//! field expects: what hover, go to definition, find references and completion read. Built
//! from the typed model (every id carries its span), once per load, in linear time.

use std::collections::HashMap;

use crate::graph::Kind;
use crate::model::{Model, Ref};
use crate::source::Loc;

const AGENCY: &[Kind] = &[Kind::Agency];
const CAPABILITY: &[Kind] = &[Kind::Capability];
const DATA: &[Kind] = &[Kind::Data];
const SYSTEM: &[Kind] = &[Kind::System];
const PROJECT: &[Kind] = &[Kind::Project];
/// A waiver's `element`: any kind.
pub const ANY: &[Kind] = &[
    Kind::Agency,
    Kind::Capability,
    Kind::Data,
    Kind::System,
    Kind::Project,
];

/// The kinds a reference field expects, by its YAML key (`kientruc` model format); `nested` is
/// whether the key is inside an element (a top-level `data:` is the section, not a reference).
pub fn expected(key: &str, nested: bool) -> Option<&'static [Kind]> {
    Some(match key {
        "owner" | "parent" | "successor" | "authority" | "approved_by" => AGENCY,
        "provides" | "requires" | "must_integrate" => CAPABILITY,
        "depends_on" | "hosted_on" | "replaces" | "to" | "via" | "platform" | "delivers" => SYSTEM,
        "master" | "read" | "copy" => DATA,
        "data" if nested => DATA,
        "project" => PROJECT,
        "element" => ANY,
        _ => return None,
    })
}

/// A place where an id is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The element's own `id:`.
    Definition(Kind, usize),
    /// A reference expecting one of these kinds.
    Reference(&'static [Kind]),
}

#[derive(Debug, Clone)]
pub struct Site {
    pub loc: Loc,
    pub id: String,
    pub role: Role,
}

/// The ids of a model: definitions (the first of a duplicated id wins, as in the graph) and
/// every place an id is written, sorted by file and offset for lookups by position.
#[derive(Debug, Default)]
pub struct Index {
    pub definitions: HashMap<String, (Kind, usize, Loc)>,
    sites: Vec<Site>,
    /// Per id, the positions in `sites` of its references.
    references: HashMap<String, Vec<usize>>,
    /// Ids by kind, sorted: what completion offers.
    pub by_kind: HashMap<Kind, Vec<String>>,
}

impl Index {
    pub fn build(model: &Model) -> Index {
        let mut sites = Vec::new();
        let mut definitions = HashMap::new();
        let mut define = |sites: &mut Vec<Site>, kind: Kind, index: usize, file, id: &Ref| {
            let loc = Loc::new(file, id.span);
            definitions
                .entry(id.value.0.to_string())
                .or_insert((kind, index, loc));
            sites.push(Site {
                loc,
                id: id.value.0.to_string(),
                role: Role::Definition(kind, index),
            });
        };
        for (i, e) in model.agencies.iter().enumerate() {
            define(&mut sites, Kind::Agency, i, e.file, &e.id);
        }
        for (i, e) in model.capabilities.iter().enumerate() {
            define(&mut sites, Kind::Capability, i, e.file, &e.id);
        }
        for (i, e) in model.data.iter().enumerate() {
            define(&mut sites, Kind::Data, i, e.file, &e.id);
        }
        for (i, e) in model.systems.iter().enumerate() {
            define(&mut sites, Kind::System, i, e.file, &e.id);
        }
        for (i, e) in model.projects.iter().enumerate() {
            define(&mut sites, Kind::Project, i, e.file, &e.id);
        }
        let refer = |sites: &mut Vec<Site>, file, r: &Ref, kinds: &'static [Kind]| {
            sites.push(Site {
                loc: Loc::new(file, r.span),
                id: r.value.0.to_string(),
                role: Role::Reference(kinds),
            });
        };
        if let Some(info) = &model.info
            && let Some(authority) = &info.authority
        {
            refer(&mut sites, info.file, authority, AGENCY);
        }
        for a in &model.agencies {
            for r in a.parent.iter().chain(&a.successor) {
                refer(&mut sites, a.file, r, AGENCY);
            }
        }
        for c in &model.capabilities {
            if let Some(r) = &c.platform {
                refer(&mut sites, c.file, r, SYSTEM);
            }
            for r in &c.must_integrate {
                refer(&mut sites, c.file, r, CAPABILITY);
            }
        }
        for d in &model.data {
            refer(&mut sites, d.file, &d.owner, AGENCY);
        }
        for s in &model.systems {
            let f = s.file;
            refer(&mut sites, f, &s.owner, AGENCY);
            for r in s.provides.iter().chain(&s.requires) {
                refer(&mut sites, f, r, CAPABILITY);
            }
            for r in s.depends_on.iter().chain(&s.hosted_on).chain(&s.replaces) {
                refer(&mut sites, f, r, SYSTEM);
            }
            for r in s.data.master.iter().chain(&s.data.read).chain(&s.data.copy) {
                refer(&mut sites, f, r, DATA);
            }
            for i in &s.integrations {
                for r in std::iter::once(&i.to).chain(&i.via) {
                    refer(&mut sites, f, r, SYSTEM);
                }
                for r in &i.data {
                    refer(&mut sites, f, r, DATA);
                }
            }
            if let Some(r) = &s.project {
                refer(&mut sites, f, r, PROJECT);
            }
        }
        for p in &model.projects {
            if let Some(r) = &p.owner {
                refer(&mut sites, p.file, r, AGENCY);
            }
            for r in &p.delivers {
                refer(&mut sites, p.file, r, SYSTEM);
            }
        }
        for w in &model.waivers {
            refer(&mut sites, w.file, &w.element, ANY);
            refer(&mut sites, w.file, &w.approved_by, AGENCY);
        }
        sites.sort_by_key(|s| (s.loc.file, s.loc.span.start, s.loc.span.end));
        let mut references: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, site) in sites.iter().enumerate() {
            if matches!(site.role, Role::Reference(_)) {
                references.entry(site.id.clone()).or_default().push(n);
            }
        }
        let mut by_kind: HashMap<Kind, Vec<String>> = HashMap::new();
        for (id, (kind, _, _)) in &definitions {
            by_kind.entry(*kind).or_default().push(id.clone());
        }
        for ids in by_kind.values_mut() {
            ids.sort_unstable();
        }
        Index {
            definitions,
            sites,
            references,
            by_kind,
        }
    }

    /// The id written at byte `offset` of `file`, if any.
    pub fn at(&self, file: u32, offset: usize) -> Option<&Site> {
        let offset = offset as u32;
        let first = self
            .sites
            .partition_point(|s| (s.loc.file, s.loc.span.end) < (file, offset));
        self.sites[first..]
            .iter()
            .take_while(|s| s.loc.file == file && s.loc.span.start <= offset)
            .find(|s| s.loc.span.start <= offset && offset <= s.loc.span.end)
    }

    /// The places that refer to `id`, in file and offset order.
    pub fn references(&self, id: &str) -> impl Iterator<Item = &Site> {
        self.references
            .get(id)
            .into_iter()
            .flatten()
            .map(|&n| &self.sites[n])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_expect_their_kinds() {
        assert_eq!(expected("owner", true), Some(AGENCY));
        assert_eq!(expected("provides", true), Some(CAPABILITY));
        assert_eq!(expected("depends_on", true), Some(SYSTEM));
        assert_eq!(expected("data", true), Some(DATA));
        assert_eq!(expected("data", false), None);
        assert_eq!(expected("name", true), None);
    }
}
