//! The built-in pack's files, compiled in by build.rs.

include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
