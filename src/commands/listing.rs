//! `advisor questions` and `advisor languages`: what the loaded packs ask and rank, as a table,
//! JSON or Markdown (drawn by `report::listing`).

use crate::Io;
use crate::cli::{ListArgs, ListFormat};
use crate::error::Error;
use crate::report::listing;

/// `advisor questions`.
pub fn questions(args: &ListArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack)?;
    let mut out = String::new();
    match args.format {
        ListFormat::Json => out = listing::questions_json(&pack)?,
        ListFormat::Markdown => listing::questions_markdown(&pack, &mut out)?,
        ListFormat::Table => listing::questions_table(&pack, io.width, &mut out)?,
    }
    super::emit(io.stdout, &out)?;
    Ok(0)
}

/// `advisor languages`.
pub fn languages(args: &ListArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack)?;
    let mut out = String::new();
    match args.format {
        ListFormat::Json => out = listing::languages_json(&pack)?,
        ListFormat::Markdown => listing::languages_markdown(&pack, &mut out)?,
        ListFormat::Table => listing::languages_table(&pack, io.width, &mut out)?,
    }
    super::emit(io.stdout, &out)?;
    Ok(0)
}
