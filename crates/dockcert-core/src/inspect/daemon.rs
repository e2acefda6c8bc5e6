//! daemon.json and the systemd units around it: TLS really on for every TCP
//! listener, the files it names, and the `hosts` versus `-H` clash that
//! stops dockerd from starting.

use std::collections::HashSet;

use super::file_kind::{Detail, Kind};
use super::input::{base_name, dir_name, InputFile};
use super::problem::{Listed, Problem};
use super::report::{FileSummary, Findings};

pub(crate) fn check(files: &[InputFile], summaries: &mut [FileSummary], findings: &mut Findings) {
    let units = exec_start(files, summaries);
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut with_hosts: Vec<&str> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if base_name(&f.path) != "daemon.json" {
            continue;
        }
        summaries[i].kind = Kind::DaemonJson;
        let path = f.path.as_str();
        let json: serde_json::Value = match serde_json::from_slice(&f.bytes) {
            Ok(v) => v,
            Err(e) => {
                findings.add(Problem::DaemonJsonInvalid {
                    path: path.to_owned(),
                    line: e.line(),
                    column: e.column(),
                    why: e.to_string(),
                });
                continue;
            }
        };
        let hosts: Vec<String> = json["hosts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|h| h.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let tcp: Vec<&String> = hosts.iter().filter(|h| h.starts_with("tcp://")).collect();
        let verify = json["tlsverify"] == true;
        if !hosts.is_empty() {
            summaries[i].details.push(Detail::Hosts(hosts.clone()));
        }
        summaries[i].details.push(Detail::TlsVerify(verify));
        if !tcp.is_empty() && !verify {
            findings.add(Problem::TcpWithoutTlsverify {
                path: path.to_owned(),
                listeners: tcp.iter().map(|s| (*s).clone()).collect(),
            });
        }
        for h in &tcp {
            if h.ends_with(":2375") && verify {
                findings.add(Problem::TlsOn2375 {
                    path: path.to_owned(),
                    listener: (*h).clone(),
                });
            }
        }
        if verify {
            let dir = dir_name(path);
            for key in ["tlscacert", "tlscert", "tlskey"] {
                match json[key].as_str() {
                    None => findings.add(Problem::TlsFileUnset {
                        path: path.to_owned(),
                        key,
                    }),
                    Some(named) => {
                        let name = base_name(named);
                        let beside = if dir.is_empty() {
                            name.to_owned()
                        } else {
                            format!("{dir}/{name}")
                        };
                        if !paths.contains(beside.as_str()) {
                            findings.add(Problem::TlsFileElsewhere {
                                path: path.to_owned(),
                                named: named.to_owned(),
                            });
                        }
                    }
                }
            }
        }
        if !hosts.is_empty() {
            with_hosts.push(path);
        }
    }
    // One finding for every daemon.json that clashes with the unit: the
    // unit's command is shown once, however many there are.
    for (unit, command) in units.iter().filter(|(_, c)| has_host_flag(c)) {
        if with_hosts.is_empty() {
            continue;
        }
        findings.add(Problem::HostsConflict {
            files: Listed::of(&with_hosts, 3, |p| (*p).to_owned()),
            unit: unit.clone(),
            command: command.clone(),
        });
    }
}

/// The effective `ExecStart` of each docker service among `files`: its
/// unit file first, then its drop-ins in name order; an empty `ExecStart=`
/// clears what came before, as systemd does. The expiry check's own service
/// (`dockcert-expiry.service`, beside docker's in /etc/systemd/system)
/// starts no dockerd.
fn exec_start(files: &[InputFile], summaries: &mut [FileSummary]) -> Vec<(String, String)> {
    let mut units: Vec<(usize, &InputFile)> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            let name = base_name(&f.path);
            name.ends_with(".service") && name != "dockcert-expiry.service"
        })
        .collect();
    let mut drop_ins: Vec<(usize, &InputFile)> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            dir_name(&f.path).ends_with(".service.d") && base_name(&f.path).ends_with(".conf")
        })
        .collect();
    drop_ins.sort_by_key(|(_, f)| base_name(&f.path).to_owned());
    for (i, _) in units.iter().chain(drop_ins.iter()) {
        summaries[*i].kind = Kind::SystemdUnit;
    }
    if units.is_empty() && drop_ins.is_empty() {
        return Vec::new();
    }
    let mut command: Option<String> = None;
    let mut last_file = String::new();
    units.extend(drop_ins);
    for (_, f) in units {
        let text = String::from_utf8_lossy(&f.bytes);
        for line in text.lines() {
            if let Some(value) = line.trim().strip_prefix("ExecStart=") {
                command = if value.trim().is_empty() {
                    None
                } else {
                    Some(value.trim().to_owned())
                };
                last_file = f.path.clone();
            }
        }
    }
    command.map(|c| vec![(last_file, c)]).unwrap_or_default()
}

fn has_host_flag(command: &str) -> bool {
    command.split_whitespace().any(|w| {
        w == "-H"
            || w.starts_with("-H=")
            || w == "--host"
            || w.starts_with("--host=")
            || (w.starts_with("-H") && w.len() > 2 && !w.starts_with("--"))
    })
}

#[cfg(test)]
mod tests {
    use super::has_host_flag;

    #[test]
    fn host_flags() {
        assert!(has_host_flag(
            "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock"
        ));
        assert!(has_host_flag("/usr/sbin/dockerd --host=tcp://0.0.0.0:2376"));
        assert!(has_host_flag("/usr/sbin/dockerd -Hfd://"));
        assert!(!has_host_flag(
            "/usr/bin/dockerd --containerd=/run/containerd/containerd.sock"
        ));
        assert!(!has_host_flag("/usr/bin/dockerd"));
    }
}
