//! The built-in pack, compiled in by build.rs: its files (which team packs build on), its
//! scenario tests, and the checked pack itself as generated code (`fn pack`).

use crate::model::{
    Caveat, Choice, Condition, Confirmation, Disabled, Exclusion, Group, GroupIdx, Guide, Kind, LangIdx,
    Language, OptionSet, Origin, Pack, Parts, Question, QuestionIdx, Requirement, Rule, RuleIdx, Text,
};

include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
