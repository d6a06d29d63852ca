//! Closed sets of words the command line (and configuration) chooses from — output formats,
//! `--fail-on`, `--lang`, … — without the library knowing the command-line parser: each enum
//! lists its words once ([`Choice::WORDS`]), and `cli.rs` turns that list into a parser.

/// An enum chosen by a word.
pub trait Choice: Copy + Sized + Send + Sync + 'static {
    /// Every value with its word, in the order help lists them.
    const WORDS: &'static [(Self, &'static str)];

    /// The value a word names, exactly.
    fn from_word(word: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .find(|(_, w)| *w == word)
            .map(|(v, _)| *v)
    }

    /// The words, for help texts and errors.
    fn words() -> impl Iterator<Item = &'static str> {
        Self::WORDS.iter().map(|(_, w)| *w)
    }
}

/// Implements [`Choice`] for an enum: `choice!(Format { Human => "human", … });`.
#[macro_export]
macro_rules! choice {
    ($type:ty { $($variant:ident => $word:literal),* $(,)? }) => {
        impl $crate::choice::Choice for $type {
            const WORDS: &'static [(Self, &'static str)] = &[$((<$type>::$variant, $word)),*];
        }
    };
}
