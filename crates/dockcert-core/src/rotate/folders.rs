//! Where a bundle keeps what a rotation reads of it: in each host's folder
//! `[TOP/]server/NAME/` its certificate, key, `ca.pem` and daemon.json, in
//! each client's `[TOP/]client/NAME/` its certificate, key and `ca.pem`.
//! Nothing else of a bundle is read: a fleet's client folders hold a
//! docker context file for every host (a million files for 1,000 hosts and
//! 1,000 clients), its README.txt lists them all, and a face that gathers
//! only [`FILES`] gathers a few files per member, whatever the fleet.

/// The files of a member's folder a rotation reads: by role folder, the
/// certificate first (it makes the folder a member's), then the CA file,
/// the key, and the host's daemon.json.
pub const FILES: [(&str, &[&str]); 2] = [
    (
        "server",
        &["server-cert.pem", "ca.pem", "server-key.pem", "daemon.json"],
    ),
    ("client", &["cert.pem", "ca.pem", "key.pem"]),
];

/// The names of the CA file and the key beside a member's certificate.
pub(super) struct FolderFiles {
    pub(super) ca: &'static str,
    pub(super) key: &'static str,
}

pub(super) const HOST: FolderFiles = FolderFiles {
    ca: "ca.pem",
    key: "server-key.pem",
};
pub(super) const CLIENT: FolderFiles = FolderFiles {
    ca: "ca.pem",
    key: "key.pem",
};

/// Whether a rotation reads the file at `path` of a gathered bundle (one of
/// [`FILES`] in a member's folder), so that a file not read there matters.
pub fn reads(path: &str) -> bool {
    member_file(path).is_some_and(|(_, role, _, file)| {
        FILES
            .iter()
            .any(|(r, files)| *r == role && files.contains(&file))
    })
}

/// For `PATH` = `[TOP/]server/NAME/server-cert.pem` or
/// `[TOP/]client/NAME/cert.pem`: its folder (ending in `/`), `server` or
/// `client`, and NAME.
pub(super) fn member_folder(path: &str) -> Option<(&str, &str, &str)> {
    match member_file(path)? {
        (folder, role @ "server", name, "server-cert.pem")
        | (folder, role @ "client", name, "cert.pem") => Some((folder, role, name)),
        _ => None,
    }
}

/// For `PATH` = `[TOP/]ROLE/NAME/FILE`, ROLE `server` or `client`: its
/// folder (ending in `/`), ROLE, NAME and FILE.
fn member_file(path: &str) -> Option<(&str, &str, &str, &str)> {
    let (folder, file) = path.rsplit_once('/')?;
    let (above, name) = folder.rsplit_once('/')?;
    let role = above.rsplit('/').next()?;
    let top = &above[..above.len() - role.len()];
    if top.matches('/').count() > 1 || name.is_empty() || !matches!(role, "server" | "client") {
        return None;
    }
    Some((&path[..folder.len() + 1], role, name, file))
}

/// The folder daemon.json's `tlscacert` is in, if it names one.
pub(super) fn installed_in(daemon_json: &serde_json::Value) -> Option<String> {
    let ca = daemon_json.get("tlscacert")?.as_str()?;
    let (dir, _) = ca.rsplit_once('/')?;
    (!dir.is_empty()).then(|| dir.to_owned())
}

/// The address of daemon.json's first `tcp://` host (`HOST:PORT`), if it
/// names one: where `new` or `issue` made dockerd listen.
pub(super) fn listening_on(daemon_json: &serde_json::Value) -> Option<String> {
    daemon_json
        .get("hosts")?
        .as_array()?
        .iter()
        .filter_map(serde_json::Value::as_str)
        .find_map(|host| host.strip_prefix("tcp://"))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::{member_folder, reads};

    #[test]
    fn a_members_folder_is_found_under_at_most_one_top_folder() {
        assert_eq!(
            member_folder("server/docker1/server-cert.pem"),
            Some(("server/docker1/", "server", "docker1"))
        );
        assert_eq!(
            member_folder("docker-tls/client/alice/cert.pem"),
            Some(("docker-tls/client/alice/", "client", "alice"))
        );
        assert_eq!(member_folder("a/b/client/alice/cert.pem"), None);
        assert_eq!(member_folder("client/alice/key.pem"), None);
        assert_eq!(member_folder("server/docker1/cert.pem"), None);
        assert_eq!(member_folder("ca/ca.pem"), None);
    }

    #[test]
    fn only_a_members_certificate_key_ca_file_and_daemon_json_are_read() {
        for path in [
            "server/docker1/server-cert.pem",
            "server/docker1/daemon.json",
            "docker-tls/server/docker1/server-key.pem",
            "client/alice/ca.pem",
            "client/alice/key.pem",
        ] {
            assert!(reads(path), "{path}");
        }
        for path in [
            "README.txt",
            "docker-tls/manifest.json",
            "client/alice/docker1.dockercontext",
            "client/alice/daemon.json",
            "server/docker1/install.sh",
            "server/docker1/docker.service.d/dockcert.conf",
            "a/b/client/alice/cert.pem",
            "ca/ca-key.pem",
        ] {
            assert!(!reads(path), "{path}");
        }
    }
}
