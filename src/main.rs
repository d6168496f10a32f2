//! The `advisor` binary: everything lives in the library, so tests run the same code.
//!
//! `main` is the C entry point, not Rust's. Rust's start-up reads /proc/self/maps to find the
//! main thread's stack and maps an alternate signal stack for its stack-overflow message: a
//! twentieth of a run of `advisor recommend` (measured with `scripts/bench`), for a message
//! advisor does not need, since nothing it does recurses without a bound (YAML nests at most
//! `yaml::MAX_DEPTH` levels). What advisor does need of that start-up is done here: SIGPIPE
//! ignored, so that a closed pipe is a write error the commands handle, and a panic ending
//! the process with exit code 101. The arguments reach `std::env::args_os` as usual.
#![no_main]

use std::ffi::{c_char, c_int};

/// Runs advisor; its exit code is the process's.
// The one unsafe item of advisor: an unmangled `main` for the C runtime to call.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    ignore_sigpipe();
    // A panic is a bug: its message is printed by the panic hook, and it must not unwind into
    // the C runtime.
    std::panic::catch_unwind(advisor::main_entry).map_or(101, c_int::from)
}

/// Writing to a closed pipe returns an error instead of killing the process, as in any Rust
/// program.
#[cfg(unix)]
#[allow(unsafe_code)]
fn ignore_sigpipe() {
    // SAFETY: called once, first, while the process has a single thread; SIG_IGN is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn ignore_sigpipe() {}
