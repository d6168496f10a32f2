//! The built-in pack, compiled in by build.rs: its files (which team packs build on), its
//! scenario tests, and the checked pack itself, made of the static tables build.rs generates
//! (`model::stored`; `fn pack` wraps them in a [`Pack`], compiling its conditions for scoring).

use crate::model::{List, Pack, Parts};

include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
