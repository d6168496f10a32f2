//! The built-in pack, compiled in by build.rs: its files (which team packs build on), its
//! scenario tests, and the checked pack itself as generated static data (`fn pack` wraps it in a
//! [`Pack`], compiling its conditions for scoring).

use crate::model::{
    Boxed, Caveat, Choice, Condition, Confirmation, Disabled, Exclusion, Group, GroupIdx, Guide, Kind,
    LangIdx, Language, List, OptionSet, Origin, Pack, Parts, Question, QuestionIdx, Requirement, Rule,
    RuleIdx, Text,
};

use std::borrow::Cow;

include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
