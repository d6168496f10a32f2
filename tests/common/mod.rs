//! What the property-test binaries share: the built-in pack, loaded once, the case count, and
//! a strategy for any valid answers.

#![allow(dead_code, clippy::expect_used)]

use advisor::model::{Answers, Kind, OptionSet};
use advisor::pack::{self, Pack};
use proptest::prelude::*;
use std::sync::OnceLock;

/// `n` cases, unless PROPTEST_CASES asks for another number.
pub fn cases(n: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = n;
    }
    config
}

/// The built-in pack, loaded once per test binary.
pub fn builtin() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(pack::builtin)
}

/// Any valid answers: one option for each single-choice question, any subset for multi.
pub fn any_answers() -> impl Strategy<Value = Answers> {
    let pack = builtin();
    let per_question: Vec<BoxedStrategy<OptionSet>> = pack
        .questions
        .iter()
        .map(|q| {
            let n = q.options.len();
            match q.kind {
                Kind::Single => (0..n).prop_map(OptionSet::single).boxed(),
                Kind::Multi => prop::collection::vec(any::<bool>(), n)
                    .prop_map(|bits| {
                        let mut set = OptionSet::new();
                        for (i, on) in bits.into_iter().enumerate() {
                            if on {
                                set.insert(i);
                            }
                        }
                        set
                    })
                    .boxed(),
            }
        })
        .collect();
    per_question.prop_map(Answers::new)
}
