//! The built-in pack, compiled in by build.rs: its files (which team packs build on), its
//! scenario tests, and the checked pack itself, made of the static tables build.rs generates
//! (`model::stored`), its conditions compiled for scoring and their readers found in advance:
//! `fn pack` only puts the tables together in a [`Pack`].

use crate::model::flat::{FlatConditions, Readers};
use crate::model::{List, Pack, Parts};

include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
