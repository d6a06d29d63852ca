//! The fuzz targets of `fuzz/`, run briefly and deterministically in `cargo test`: a few hundred
//! cases each, from a fixed seed. The long runs are `fuzz/run.sh`; every crash they found is a
//! case in `regressions` below.

mod support {
    pub mod fuzz_model;
}

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use support::fuzz_model::{FuzzModel, check_text};

fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(20_251_129),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text made of YAML's punctuation and a few words, much likelier than random bytes to reach
/// deep into the parser and the schema.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\n",
        "  ",
        "- ",
        ": ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "#",
        "&a ",
        "*a",
        "!!str ",
        "!!python/object ",
        "<<: ",
        "---\n",
        "'",
        "\"",
        "\t",
        "\r\n",
        "é",
        "а",
        "\u{feff}",
        "id",
        "systems:\n",
        "model:\n",
        "agencies:\n",
        "name: Sở",
        "level: central",
        "x",
        "1",
        "3.0",
        "~",
        "null",
        "vn.ndxp",
        "|\n",
        ">-\n",
        "? ",
        "%YAML 1.2\n",
        "...\n",
        "\\",
        "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn loader_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_text(&bytes);
    }

    #[test]
    fn loader_never_panics_on_yamlish_text(text in yamlish()) {
        check_text(text.as_bytes());
    }

    #[test]
    fn rules_never_panic_on_structured_models(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let model = FuzzModel::from_bytes(&bytes);
        check_text(model.to_yaml().as_bytes());
    }
}

/// The structured models are valid YAML of the format: most load, so the rules do run.
#[test]
fn structured_models_mostly_load() {
    let mut loaded = 0;
    for seed in 0..100u64 {
        let bytes: Vec<u8> = (0..2048u64)
            .map(|i| {
                (seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i.wrapping_mul(0xBF58_476D_1CE4_E5B9))
                    .to_le_bytes()[(i % 8) as usize]
            })
            .collect();
        let text = FuzzModel::from_bytes(&bytes).to_yaml();
        if kientruc::load::load_bytes("fuzz.yaml", text.as_bytes()).is_ok() {
            loaded += 1;
        }
    }
    assert!(
        loaded >= 50,
        "only {loaded} of 100 structured models loaded"
    );
}

/// Inputs that once crashed a fuzz target, kept so that they never do again.
mod regressions {
    use super::check_text;

    #[test]
    fn crashes_found_by_fuzzing() {
        for entry in std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fuzz-regressions"
        ))
        .into_iter()
        .flatten()
        .flatten()
        {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            check_text(&bytes);
        }
    }
}
