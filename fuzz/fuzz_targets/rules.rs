//! Structured models from arbitrary bytes (`FuzzModel`): every rule runs on sound and broken
//! graphs alike and must never panic.
#![no_main]

#[path = "../../tests/support/fuzz_model.rs"]
mod fuzz_model;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let model = fuzz_model::FuzzModel::from_bytes(bytes);
    fuzz_model::check_text(model.to_yaml().as_bytes());
});
