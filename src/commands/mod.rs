//! One module per subcommand, each with a `run` that returns the exit code.

pub mod ask;
pub mod check;
pub mod export;
pub mod init;
pub mod recommend;
pub mod schema;

use crate::error::Error;
use std::io::Write;

/// Writes a finished report to stdout. A closed pipe (`advisor ... | head -n 1`) is not an
/// error: the reader has all it wanted.
pub fn emit(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Usage(format!("cannot write the output: {e}"))),
    }
}
