//! `advisor schema`: the answers file's JSON Schema on stdout.

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::{Io, schema};

/// Runs `schema`; returns the exit code.
pub fn run(args: &SchemaArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack)?;
    super::emit(io.stdout, &schema::render(&pack)?)?;
    Ok(0)
}
