//! The national reference catalogue of framework 3.0 (`models/national/`), embedded in the
//! binary. It is parsed like any model file and merged in front of the model's own elements.
//! A model may re-declare a national capability to designate its own (federated) platform:
//! the model's fields override the national ones, `must_integrate` lists are joined.

use std::collections::HashMap;

use super::LoadIssue;
use crate::model::Model;
use crate::source::{SourceFile, Sources};

/// The catalogue files, in sorted path order.
const FILES: &[(&str, &str)] = &[
    (
        "national/agencies.yaml",
        include_str!("../../models/national/agencies.yaml"),
    ),
    (
        "national/capabilities.yaml",
        include_str!("../../models/national/capabilities.yaml"),
    ),
    (
        "national/data.yaml",
        include_str!("../../models/national/data.yaml"),
    ),
    (
        "national/systems.yaml",
        include_str!("../../models/national/systems.yaml"),
    ),
];

/// Adds the national catalogue to `model`.
pub(super) fn add(model: &mut Model, sources: &mut Sources, issues: &mut Vec<LoadIssue>) {
    let mut national = Model::default();
    let mut budget = usize::MAX;
    for (path, text) in FILES {
        let id = sources.add(SourceFile::new(
            (*path).to_string(),
            (*text).to_string(),
            true,
        ));
        if let Some(contents) = super::parse_file(id, sources, &mut budget, issues) {
            national.absorb(id, contents);
        }
    }
    let mut by_id: HashMap<String, usize> = national
        .capabilities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.value.0.clone(), i))
        .collect();
    let mut own = Vec::with_capacity(model.capabilities.len());
    for capability in std::mem::take(&mut model.capabilities) {
        match by_id.remove(capability.id.value.as_str()) {
            Some(index) => {
                let base = &mut national.capabilities[index];
                let mut must = std::mem::take(&mut base.must_integrate);
                for extra in &capability.must_integrate {
                    if !must.contains(extra) {
                        must.push(extra.clone());
                    }
                }
                let federates = match (&capability.platform, &base.platform) {
                    (Some(own), Some(national)) if own.value != national.value => {
                        Some(national.clone())
                    }
                    _ => None,
                };
                *base = crate::model::Capability {
                    federates,
                    must_integrate: must,
                    platform: capability.platform.clone().or(base.platform.clone()),
                    allow_multiple: capability.allow_multiple.or(base.allow_multiple),
                    domain: capability.domain.clone().or(base.domain.clone()),
                    description: capability.description.clone().or(base.description.clone()),
                    ..capability
                };
            }
            None => own.push(capability),
        }
    }
    national.capabilities.extend(own);
    let Model {
        agencies,
        capabilities,
        data,
        systems,
        projects,
        ..
    } = national;
    model.agencies.splice(0..0, agencies);
    model.capabilities = capabilities;
    model.data.splice(0..0, data);
    model.systems.splice(0..0, systems);
    model.projects.splice(0..0, projects);
}
