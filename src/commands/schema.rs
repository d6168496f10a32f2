//! `advisor schema`: the answers file's JSON Schema on stdout.

use crate::error::Error;
use crate::{Io, pack, schema};

/// Runs `schema`; returns the exit code.
pub fn run(io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = pack::builtin()?;
    super::emit(io.stdout, &schema::render(&pack))?;
    Ok(0)
}
