//! The namespacing scheme of `kientruc merge`. An id defined by several source models is
//! written `<model id>.<id>` in the merged model (`bac-lieu.lgsp`, `ca-mau.lgsp`); an id only
//! one source defines stays as it is. The scheme passes the id pattern (dots separate
//! segments) and cannot be mistaken for the national catalogue, because no source model may
//! have the id `vn`. It is reversible: every merged element carries `origin: <model id>`, and
//! an id is namespaced exactly when it starts with `<origin>.` — merge refuses any source whose
//! own ids already start with `<some source's model id>.`, so that prefix always means the
//! scheme. To reverse: strip `<origin>.` from the id. Capabilities are the exception: the same
//! capability id in several sources is the same capability (vocabulary, not a thing built),
//! and is written once.

/// The namespaced form of `id` from the model `model`.
pub fn namespaced(model: &str, id: &str) -> String {
    format!("{model}.{id}")
}

/// The id as its source model wrote it: `id` without the `<origin>.` prefix.
pub fn original<'a>(id: &'a str, origin: &str) -> &'a str {
    id.strip_prefix(origin)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(id)
}

/// Whether `id` follows the id pattern `^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|segment| {
            segment
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Whether `id` lies in the national catalogue's reserved prefix.
pub fn is_national(id: &str) -> bool {
    id == "vn" || id.starts_with("vn.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_round_trips() {
        let id = namespaced("bac-lieu", "lgsp");
        assert_eq!(id, "bac-lieu.lgsp");
        assert!(valid_id(&id) && !is_national(&id));
        assert_eq!(original(&id, "bac-lieu"), "lgsp");
        assert_eq!(original("lgsp", "bac-lieu"), "lgsp");
        assert_eq!(original("bac-lieu-x", "bac-lieu"), "bac-lieu-x");
        assert!(!valid_id("Bac-lieu") && !valid_id("a..b") && !valid_id("-a"));
    }
}
