//! Reviews a proposal from paths, for tests: the model and the overlay are leaked so that the
//! review (which borrows them) can be returned. Commands keep them on the stack instead.

use std::path::Path;

use kientruc::Options;
use kientruc::finding::FailOn;
use kientruc::load::LoadFailure;
use kientruc::review::Reviewed;

#[allow(dead_code)]
pub fn review_paths(
    proposal: &Path,
    model: &Path,
    options: Options,
    fail_on: FailOn,
) -> Result<Reviewed<'static>, LoadFailure> {
    let loaded: &'static _ = Box::leak(Box::new(kientruc::load(model)?));
    let overlaid: &'static _ = Box::leak(Box::new(kientruc::overlay::overlay(loaded, proposal)?));
    let alone: &'static _ = Box::leak(Box::new(kientruc::judge(loaded, &options)));
    let with = kientruc::judge_overlay(overlaid, &options);
    kientruc::review::review(alone, with, options.today, fail_on)
}
