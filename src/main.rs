//! The `advisor` binary: everything lives in the library, so tests run the same code.
//!
//! On Linux with glibc, `main` is the C entry point, not Rust's. Rust's start-up reads
//! /proc/self/maps to find the main thread's stack and maps an alternate signal stack for its
//! stack-overflow message: a twentieth of a run of `advisor recommend` (measured with
//! `scripts/bench`), for a message advisor does not need, since nothing it does recurses
//! without a bound (YAML nests at most `yaml::MAX_DEPTH` levels, TOML is refused past its
//! parser's recursion limit). What advisor needs of that start-up is done here: standard
//! streams closed at start opened on /dev/null (or the next file opened would take their
//! number), SIGPIPE ignored (a closed pipe is then a write error the commands handle), and a
//! panic ending the process with exit code 101 after what stdout holds is flushed. The
//! arguments still reach `std::env::args_os`: with glibc, std reads them before any `main`.
//! Elsewhere (musl, the BSDs, macOS, Windows), Rust's own start-up runs as usual.
#![cfg_attr(all(target_os = "linux", target_env = "gnu"), no_main)]

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod entry {
    use std::ffi::{c_char, c_int};
    use std::io::Write;

    /// Runs advisor; its exit code is the process's.
    // The one unsafe item of advisor: an unmangled `main` for the C runtime to call.
    #[allow(unsafe_code)]
    #[unsafe(no_mangle)]
    extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
        prepare_process();
        // A panic is a bug: its message is printed by the panic hook, and it must not unwind
        // into the C runtime.
        std::panic::catch_unwind(advisor::main_entry).map_or_else(
            |_| {
                let _ = std::io::stdout().flush();
                101
            },
            c_int::from,
        )
    }

    /// What Rust's start-up does that advisor needs: stdin, stdout and stderr open (on
    /// /dev/null when the caller closed them), and SIGPIPE ignored.
    #[allow(unsafe_code)]
    fn prepare_process() {
        for fd in 0..3 {
            // SAFETY: F_GETFD only reads the descriptor's flags; open(2) is given a valid
            // C string and, descriptor `fd` being closed and the lower ones open, returns
            // `fd`. The process has a single thread here.
            unsafe {
                if libc::fcntl(fd, libc::F_GETFD) == -1
                    && libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) == -1
                {
                    // Not even /dev/null: better to stop than to write into a file by mistake.
                    libc::abort();
                }
            }
        }
        // SAFETY: SIG_IGN is a valid disposition for SIGPIPE; single-threaded, as above.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(advisor::main_entry())
}
