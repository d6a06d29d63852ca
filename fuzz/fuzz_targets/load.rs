//! Arbitrary bytes as a model file: loading must never panic, and a model that loads is
//! judged without panicking (see `tests/support/fuzz_model.rs`, `check_text`).
#![no_main]

#[path = "../../tests/support/fuzz_model.rs"]
mod fuzz_model;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    fuzz_model::check_text(bytes);
});
