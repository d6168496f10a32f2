//! The one gate for reading and writing files.
//!
//! Reading: only regular files (never a FIFO, a device or a folder, which could hang or never
//! end), at most a byte limit enforced while reading, UTF-8 text. Inside a rule pack, a
//! symbolic link is followed only when it stays inside the pack's folder.
//!
//! Writing, so that nothing is lost: the content goes to a temporary file in the target
//! folder, is flushed to disk, then renamed over the target in one step. An interrupted write
//! leaves the old file intact; without `overwrite`, an existing file is never replaced.

use std::io::{self, Read, Write};
use std::path::Path;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused: not found, permission denied...
    Io(io::Error),
    /// Not a regular file: what it is instead ("a directory", "a FIFO"...).
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge,
    /// Not UTF-8: the 1-based line of the first invalid byte.
    NotUtf8 {
        /// The line.
        line: usize,
    },
    /// A symbolic link that leads out of the folder it may read from (what that folder is).
    LeavesFolder(&'static str),
}

impl ReadError {
    /// What went wrong, in words, for `path: <this>`; `limit` is the limit that applied.
    pub fn describe(&self, limit: u64) -> String {
        match self {
            ReadError::Io(e) => io_reason(e),
            ReadError::NotRegular(kind) => format!("is {kind}, not a regular file"),
            ReadError::TooLarge => {
                format!("is larger than {}, the limit for this kind of file", size_words(limit))
            }
            ReadError::NotUtf8 { line } => format!("line {line}: not UTF-8 text"),
            ReadError::LeavesFolder(folder) => {
                format!("is a symbolic link to a file outside {folder}; advisor does not follow it")
            }
        }
    }

    /// Whether the file does not exist.
    pub fn not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// `1 MiB`, `4 MiB`, or bytes.
fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// The OS error without Rust's "(os error N)" suffix.
pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    // It follows a colon inside a sentence: "cannot read: no such file or directory".
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// What a file that is not a regular file is.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() { "a directory" } else { "not a regular file" }
}

/// Reads a regular file as UTF-8 text of at most `limit` bytes. The type is checked before
/// opening (opening a FIFO would wait for a writer) and again on the open file.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge);
    }
    read_stream(file, limit)
}

/// Reads a stream (standard input) as UTF-8 text of at most `limit` bytes.
pub fn read_stream(stream: impl Read, limit: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    stream.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        ReadError::NotUtf8 { line: valid.iter().filter(|&&b| b == b'\n').count() + 1 }
    })
}

/// The entries of a folder, sorted by path; a folder that cannot be listed is a diagnostic
/// naming it ("cannot read the folder: ...").
pub fn folder_entries(
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>, (io::ErrorKind, crate::error::Diagnostic)> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        let problem = crate::error::Diagnostic::new(
            crate::safe::path(dir),
            format!("cannot read the folder: {}", io_reason(&e)),
        );
        (e.kind(), problem)
    })?;
    let mut paths: Vec<std::path::PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    Ok(paths)
}

/// The folder an answers file and the packs it names must stay in: the repository around `dir`
/// (the nearest folder holding `.git`), or `dir` itself outside a repository.
pub fn repository_root(dir: &Path) -> Option<std::path::PathBuf> {
    thread_local! {
        /// Whether a folder holds `.git`, by folder: checking thousands of files in one run
        /// asks about the same parent folders again and again.
        static HOLDS_GIT: std::cell::RefCell<std::collections::HashMap<std::path::PathBuf, bool>> =
            std::cell::RefCell::default();
    }
    let holds_git = |folder: &Path| {
        HOLDS_GIT.with(|known| {
            if let Some(&answer) = known.borrow().get(folder) {
                return answer;
            }
            let answer = folder.join(".git").exists();
            known.borrow_mut().insert(folder.to_path_buf(), answer);
            answer
        })
    };
    let dir = std::fs::canonicalize(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }).ok()?;
    let root = dir.ancestors().find(|a| holds_git(a)).map(Path::to_path_buf);
    Some(root.unwrap_or(dir))
}

/// Reads a file that may be committed to a repository: like [`read_text`], and a symbolic link
/// is followed only when its target lies inside the repository holding the file (its folder,
/// outside any). The repository is looked for only when the file is a link: a file's own
/// folder always lies inside it.
pub fn read_in_repository(path: &Path, folder: &'static str, limit: u64) -> Result<String, ReadError> {
    if std::fs::symlink_metadata(path).map_err(ReadError::Io)?.file_type().is_symlink() {
        let parent = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let root = repository_root(parent).unwrap_or_else(|| parent.to_path_buf());
        return read_inside(&root, folder, path, limit);
    }
    read_text(path, limit)
}

/// Reads a file inside the folder `root` (`folder` names it for messages): like [`read_text`],
/// and a symbolic link is followed only when its target lies inside `root` (as git treats
/// links in a work tree).
pub fn read_inside(root: &Path, folder: &'static str, path: &Path, limit: u64) -> Result<String, ReadError> {
    let link = std::fs::symlink_metadata(path).map_err(ReadError::Io)?;
    if link.file_type().is_symlink() || !within(root, path) {
        let target = std::fs::canonicalize(path).map_err(ReadError::Io)?;
        let root = std::fs::canonicalize(root).map_err(ReadError::Io)?;
        if !target.starts_with(&root) {
            return Err(ReadError::LeavesFolder(folder));
        }
    }
    read_text(path, limit)
}

/// Whether `path`'s parent folders, resolved, stay inside `root` (a linked `rules/` folder
/// could lead elsewhere).
fn within(root: &Path, path: &Path) -> bool {
    match (path.parent().map(std::fs::canonicalize), std::fs::canonicalize(root)) {
        (Some(Ok(parent)), Ok(root)) => parent.starts_with(root),
        _ => false,
    }
}

/// The temporary files being written now: a Ctrl-C or SIGTERM removes them before the process
/// ends, so an interrupted save leaves nothing behind.
static IN_FLIGHT: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Starts, once, the thread that cleans up after an interrupting signal.
fn watch_signals() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGTERM};
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
                let _ = std::thread::Builder::new().name("advisor-signals".into()).spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        let files = IN_FLIGHT.lock().map(|f| f.clone()).unwrap_or_default();
                        for file in files {
                            let _ = std::fs::remove_file(file);
                        }
                        // The shell convention for a process ended by a signal: 128 + its number.
                        std::process::exit(128 + signal);
                    }
                });
            }
        }
    });
}

/// Marks a temporary file as being written (`true`) or done with (`false`).
fn in_flight(path: &Path, writing: bool) {
    if let Ok(mut files) = IN_FLIGHT.lock() {
        if writing {
            files.push(path.to_path_buf());
        } else {
            files.retain(|f| f != path);
        }
    }
}

/// Writes `contents` to `path` atomically. Without `overwrite`, fails with
/// `ErrorKind::AlreadyExists` if `path` exists (even if it appeared meanwhile), so concurrent
/// writers of one name never replace each other's file.
pub fn write_atomic(path: &Path, contents: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Only regular files are replaced: never a device, a FIFO or a folder (`--out /dev/null
    // --force` must not turn a device into a file). A link is replaced by a file, as editors do.
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => Some(meta.permissions()),
        Ok(meta) if meta.file_type().is_symlink() => None,
        Ok(meta) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "it is {}, not a regular file; advisor only writes regular files",
                    kind_of(meta.file_type())
                ),
            ));
        }
        Err(_) => None,
    };
    watch_signals();
    let mut tmp = tempfile::Builder::new().prefix(".advisor-").suffix(".tmp").tempfile_in(dir)?;
    let tmp_path = tmp.path().to_path_buf();
    in_flight(&tmp_path, true);
    let result = (|| {
        // A temporary file is private (0600); the file it becomes keeps the target's
        // permissions, or gets those the umask gives a new file.
        let permissions = match existing {
            Some(permissions) => permissions,
            None => new_file_permissions(tmp.as_file())?,
        };
        tmp.as_file().set_permissions(permissions)?;
        tmp.write_all(contents)?;
        tmp.as_file().sync_all()?;
        pause_for_tests();
        let persisted = if overwrite { tmp.persist(path) } else { tmp.persist_noclobber(path) };
        persisted.map(|_| ()).map_err(|e| e.error)
    })();
    in_flight(&tmp_path, false);
    result?;
    // Make the rename itself durable; not every platform can open a folder, which is fine.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A lock on a folder, held while a numbered record is chosen and written, so exports running
/// at once never take the same number (or file the same title twice). It is a file created
/// with `create_new`, removed when the lock is dropped (or by Ctrl-C); one left by a crash is
/// taken over after a minute.
#[derive(Debug)]
pub struct FolderLock {
    path: std::path::PathBuf,
}

impl FolderLock {
    /// The lock file's name.
    pub const NAME: &'static str = ".advisor-numbering.lock";

    /// Waits (up to ten seconds) for the lock on `dir`, which must exist.
    pub fn acquire(dir: &Path) -> io::Result<FolderLock> {
        use std::time::{Duration, Instant};
        let path = dir.join(Self::NAME);
        let deadline = Instant::now() + Duration::from_secs(10);
        watch_signals();
        loop {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    in_flight(&path, true);
                    return Ok(FolderLock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > Duration::from_secs(60)));
                    if stale {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    if Instant::now() > deadline {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            format!(
                                "another advisor is numbering records in this folder (if none is running, remove {})",
                                Self::NAME
                            ),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        in_flight(&self.path, false);
    }
}

/// The mode a new file gets from the process umask (0666 without its bits), as editors and
/// `touch` create documents; the umask is read from /proc (Linux), else the usual 022.
#[cfg(unix)]
fn new_file_permissions(_: &std::fs::File) -> io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    Ok(std::fs::Permissions::from_mode(0o666 & !umask))
}

/// Elsewhere the temporary file's own permissions are already the usual ones.
#[cfg(not(unix))]
fn new_file_permissions(file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// The environment variable that makes every write pause (in milliseconds) between writing the
/// temporary file and renaming it, so a test can interrupt the process at the worst moment.
/// Debug builds only: a release binary ignores it.
#[cfg(debug_assertions)]
const PAUSE_VARIABLE: &str = "ADVISOR_TESTING_PAUSE_BEFORE_RENAME";

fn pause_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var(PAUSE_VARIABLE).ok().and_then(|v| v.parse::<u64>().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

/// Creates a folder and its parents (nothing when it exists), or says which folder could not
/// be created and why.
pub fn create_folder(dir: &Path) -> Result<(), crate::error::Error> {
    std::fs::create_dir_all(dir).map_err(|e| {
        crate::error::Error::invalid(crate::error::Diagnostic::new(
            crate::safe::path(dir),
            format!("cannot create the folder: {}", io_reason(&e)),
        ))
    })
}

/// Today's date as `YYYY-MM-DD` (UTC) by the system clock, whatever the environment says:
/// what decides whether a waiver has expired.
pub fn clock_today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    civil_date(seconds.div_euclid(86_400))
}

/// The date written files carry (records, saved answers): the date of `SOURCE_DATE_EPOCH` when
/// it is set, so that they can be reproduced, else today's date by the clock. A value that is
/// not a number of seconds is an error (as reproducible-builds.org asks), not a silent switch
/// to the clock.
pub fn today() -> Result<String, crate::error::Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(std::env::VarError::NotPresent) => Ok(clock_today()),
        Ok(value) => match value.trim().parse::<i64>() {
            Ok(seconds) => Ok(civil_date(seconds.div_euclid(86_400))),
            Err(_) => Err(crate::error::Error::Usage(format!(
                "SOURCE_DATE_EPOCH is `{}`, not a number of seconds since 1970; set it to one \
                 (as `date +%s` prints) or unset it",
                crate::safe::echo(&value)
            ))),
        },
        Err(std::env::VarError::NotUnicode(_)) => Err(crate::error::Error::Usage(
            "SOURCE_DATE_EPOCH is not text; set it to a number of seconds since 1970 or unset it".into(),
        )),
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(59), "1970-03-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_778), "2026-11-21");
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    #[test]
    fn writes_replace_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write_atomic(&path, b"one", false).unwrap();
        let err = write_atomic(&path, b"two", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    /// Regression: every written file was 0600, the temporary file's mode, so man pages and
    /// records in shared folders were unreadable to others. A new file gets the mode any
    /// program's new file gets (the umask's), a replaced one keeps its own (0664 stays 0664).
    #[cfg(unix)]
    #[test]
    fn new_files_get_the_umask_mode_and_replaced_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let reference = dir.path().join("reference");
        std::fs::File::create(&reference).unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"one", false).unwrap();
        assert_eq!(mode(&path), mode(&reference));
        for kept in [0o600, 0o664] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(kept)).unwrap();
            write_atomic(&path, b"two", true).unwrap();
            assert_eq!(mode(&path), kept);
        }
    }
}
