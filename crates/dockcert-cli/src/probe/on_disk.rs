//! The file the served certificate is compared with: `--compare`'s (a
//! file, or a folder holding dockerd's files); or, when probe runs on the
//! daemon's own host, the file dockerd was told to read: the `--tlscert` or
//! `--config-file` of the dockerd listening on the port (Linux's /proc),
//! else /etc/docker/daemon.json's `tlscert`, else the flags a systemd
//! drop-in or /etc/default/docker gives it. What each found is the core's
//! to say.

use std::fs;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};

use dockcert_core::inspect::probe::{
    compare, config_file_in_flags, tlscert_in_daemon_json, tlscert_in_flags, Compared, FoundBy,
};

use super::client_files::read_client_file;
use crate::failure::Failure;
use crate::problem::{Flag, Named, Problem};
use crate::read;

/// The most of a settings file read (daemon.json, a drop-in, a cmdline).
const MAX_SETTINGS: u64 = 1024 * 1024;

/// The settings dockerd is started with on most hosts, in the order they are read.
const DAEMON_JSON: &str = "/etc/docker/daemon.json";
const DROP_INS: &str = "/etc/systemd/system/docker.service.d";
const OPTIONS: [&str; 2] = ["/etc/default/docker", "/etc/sysconfig/docker"];

/// The comparison of the served leaf `leaf` with the file on disk.
pub(super) fn compared(
    given: Option<&Path>,
    port: u16,
    peer: Option<IpAddr>,
    leaf: &[u8],
) -> Result<Compared, Failure> {
    if let Some(given) = given {
        let path = in_given(given)?;
        let bytes = read_client_file(&path, &Flag::plain("--compare"))?;
        return Ok(compare(
            leaf,
            &path.display().to_string(),
            FoundBy::Given,
            &bytes,
        ));
    }
    if !peer.is_some_and(on_this_host) {
        return Ok(Compared::NotOnHost);
    }
    let mut looked = Vec::new();
    let Some((path, found_by)) = on_host(port, &mut looked) else {
        return Ok(Compared::NotFound { port, looked });
    };
    let shown = path.display().to_string();
    Ok(match read::bounded(&path, MAX_SETTINGS) {
        Ok(bytes) => compare(leaf, &shown, found_by, &bytes),
        Err(e) => Compared::Unreadable {
            path: shown,
            found_by,
            why: match e {
                read::ReadError::Io(why) => why,
                read::ReadError::TooLarge => "too large".to_owned(),
                read::ReadError::Folder => "a folder".to_owned(),
            },
        },
    })
}

/// `--compare`'s file: itself, or in a folder server-cert.pem (a bundle's
/// host folder, dockcert's install folder), the file its daemon.json's
/// `tlscert` names by its base name, or cert.pem (dockerd's own default).
fn in_given(given: &Path) -> Result<PathBuf, Failure> {
    if !given.is_dir() {
        return Ok(given.to_path_buf());
    }
    let named = fs::read_to_string(given.join("daemon.json"))
        .ok()
        .and_then(|text| tlscert_in_daemon_json(&text))
        .and_then(|p| Path::new(&p).file_name().map(|n| given.join(n)));
    [
        Some(given.join("server-cert.pem")),
        named,
        Some(given.join("cert.pem")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.is_file())
    .ok_or_else(|| {
        Failure::input(Problem::NoServerCertificate(Named::by(
            Flag::plain("--compare"),
            given.display(),
        )))
    })
}

/// Whether `ip` is this machine's: a loopback address, or one a socket can
/// be bound to here.
fn on_this_host(ip: IpAddr) -> bool {
    ip.is_loopback() || UdpSocket::bind(SocketAddr::new(ip, 0)).is_ok()
}

/// The file dockerd on this host reads, and what named it; `looked` gets
/// every place looked at.
fn on_host(port: u16, looked: &mut Vec<String>) -> Option<(PathBuf, FoundBy)> {
    if let Some(found) = listening_dockerd(port) {
        return Some(found);
    }
    looked.push(DAEMON_JSON.to_owned());
    if let Some(found) = in_daemon_json(Path::new(DAEMON_JSON), Path::new("/")) {
        return Some(found);
    }
    looked.push(format!("{DROP_INS}/*.conf"));
    let mut drop_ins: Vec<PathBuf> = fs::read_dir(DROP_INS)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    drop_ins.sort();
    let exec_start = |text: &str| {
        let lines = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("ExecStart="));
        tlscert_in_flags(lines.flat_map(str::split_whitespace))
    };
    for file in drop_ins
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
    {
        if let Some(found) = flags_in(file, exec_start) {
            return Some(found);
        }
    }
    for file in OPTIONS {
        looked.push(file.to_owned());
        let options = |text: &str| tlscert_in_flags(text.split_whitespace());
        if let Some(found) = flags_in(Path::new(file), options) {
            return Some(found);
        }
    }
    None
}

fn settings(path: &Path) -> Option<String> {
    let bytes = read::bounded(path, MAX_SETTINGS).ok()?;
    String::from_utf8(bytes.to_vec()).ok()
}

/// The file `tlscert` names in the daemon.json at `path`, relative to `cwd`.
fn in_daemon_json(path: &Path, cwd: &Path) -> Option<(PathBuf, FoundBy)> {
    let named = tlscert_in_daemon_json(&settings(path)?)?;
    let found_by = FoundBy::DaemonJson {
        path: path.display().to_string(),
    };
    Some((cwd.join(named), found_by))
}

fn flags_in(path: &Path, find: impl Fn(&str) -> Option<String>) -> Option<(PathBuf, FoundBy)> {
    let named = find(&settings(path)?)?;
    let found_by = FoundBy::Flags {
        path: path.display().to_string(),
    };
    Some((PathBuf::from(named), found_by))
}

/// The dockerd whose socket listens on `port` (from /proc/net/tcp and tcp6,
/// then the sockets of each process named dockerd): its `--tlscert`, or its
/// configuration file's `tlscert`. Seeing another user's sockets needs root.
fn listening_dockerd(port: u16) -> Option<(PathBuf, FoundBy)> {
    let inodes = listening_inodes(port);
    if inodes.is_empty() {
        return None;
    }
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let proc = entry.path();
        if settings(&proc.join("comm")).as_deref().map(str::trim) != Some("dockerd") {
            continue;
        }
        let holds = fs::read_dir(proc.join("fd")).ok().is_some_and(|fds| {
            fds.flatten().any(|fd| {
                fs::read_link(fd.path()).is_ok_and(|l| {
                    let l = l.to_string_lossy();
                    inodes.iter().any(|i| l == format!("socket:[{i}]"))
                })
            })
        });
        if !holds {
            continue;
        }
        let cmdline = settings(&proc.join("cmdline"))?;
        let args: Vec<&str> = cmdline.split('\0').collect();
        let cwd = fs::read_link(proc.join("cwd")).unwrap_or_else(|_| PathBuf::from("/"));
        if let Some(named) = tlscert_in_flags(args.iter().copied()) {
            return Some((cwd.join(named), FoundBy::DaemonFlag { pid }));
        }
        let config =
            config_file_in_flags(args.iter().copied()).unwrap_or_else(|| DAEMON_JSON.to_owned());
        return in_daemon_json(&cwd.join(config), &cwd);
    }
    None
}

/// The inodes of the sockets listening on `port`, any address.
fn listening_inodes(port: u16) -> Vec<String> {
    let port = format!(":{port:04X}");
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Some(text) = settings(Path::new(table)) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // local address, state 0A (LISTEN), inode.
            if let (Some(local), Some(&"0A"), Some(inode)) =
                (fields.get(1), fields.get(3), fields.get(9))
            {
                if local.ends_with(&port) {
                    inodes.push((*inode).to_owned());
                }
            }
        }
    }
    inodes
}
