//! The README's quick start, run as an operator runs it: its commands are
//! taken from README.md (the block between `<!-- quickstart -->` and
//! `<!-- /quickstart -->`) and run as written, step after step, ending in a
//! real `docker --tlsverify … version` that must reach a real dockerd.
//!
//! Everything runs in private namespaces, so the machine is not touched:
//! its own network (loopback only, so port 2376 is ours), and its own
//! mounts: empty /etc/docker, /etc/systemd/system and /run, and an
//! /etc/hosts where the quick start's host name is 127.0.0.1.
//!
//! What the test must put in the place of the world, and nothing else:
//! - the release's `dockcert-x86_64-linux-musl` is the binary under test
//!   (DOCKCERT_BIN), with a SHA256SUMS written for it as `cargo xtask dist`
//!   writes one;
//! - the passphrase is typed on a real pseudo-terminal;
//! - the host is a folder on this machine (its home): `scp -r SRC HOST:`
//!   copies SRC into it; `sudo` runs its command (the test is root);
//!   `systemctl daemon-reload` does nothing and `systemctl restart docker`
//!   starts dockerd as the installed drop-in's ExecStart says (no systemd
//!   runs here), with only its data, exec root and pidfile moved into the
//!   test's folder, and no iptables, bridge or overlay storage;
//! - each numbered step starts in the admin machine's folder (where the
//!   release files are), or, for a step "on the host", in the host's home.

// Test code: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use dockcert_tests::{dockcert_bin, new_dir, require_tool, Run, PASSPHRASE};

const README: &str = include_str!("../../README.md");

/// One numbered step of the quick start.
#[derive(Debug)]
struct Step {
    /// Its comment line, `# 1. On your admin machine: …`.
    title: String,
    /// Whether it runs on the host (else on the admin machine).
    on_host: bool,
    /// Its commands, backslash continuations joined.
    commands: Vec<String>,
}

/// The steps of the marked block in `readme`; panics, naming what is
/// missing, when the block is not there or not as the test can run it.
fn quickstart(readme: &str) -> Vec<Step> {
    let mut lines = readme
        .lines()
        .skip_while(|l| l.trim() != "<!-- quickstart -->")
        .skip(1);
    assert_eq!(
        lines.next().map(str::trim),
        Some("```sh"),
        "README.md: no ```sh block right after <!-- quickstart -->"
    );
    let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
    assert_eq!(
        lines.next().map(str::trim),
        Some("<!-- /quickstart -->"),
        "README.md: the quick start's block must end with <!-- /quickstart -->"
    );
    let mut steps: Vec<Step> = Vec::new();
    let mut pending = String::new();
    for line in block {
        let line = line.trim();
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            let numbered = comment
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
            if numbered {
                steps.push(Step {
                    title: line.to_owned(),
                    on_host: comment.to_lowercase().contains("on the host"),
                    commands: Vec::new(),
                });
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let step = steps
            .last_mut()
            .unwrap_or_else(|| panic!("README.md: command before the first numbered step: {line}"));
        match line.strip_suffix('\\') {
            Some(part) => pending.push_str(part),
            None => {
                pending.push_str(line);
                step.commands.push(std::mem::take(&mut pending));
            }
        }
    }
    steps
}

/// `text` as one shell word.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The quick start's host: the first name of the first `--server`.
fn host_name(steps: &[Step]) -> String {
    let command = steps
        .iter()
        .flat_map(|s| &s.commands)
        .find(|c| c.contains(" new ") && c.contains("--server"))
        .expect("README.md: the quick start makes no bundle with --server");
    let words: Vec<&str> = command.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "--server").unwrap();
    words[at + 1].split(',').next().unwrap().to_owned()
}

/// What runs before the quick start's own lines, inside the namespaces:
/// loopback up, the host's folders private and empty, the stand-ins for
/// the other machine. `$1` is the admin folder, `$2` the host's home, `$3`
/// the test's folder.
const PRELUDE: &str = r#"
ADMIN=$1 HOST_HOME=$2 WORK=$3
ip link set lo up || exit 90
for dir in /etc/docker /etc/systemd/system /run; do
    mount -t tmpfs -o mode=0755 tmpfs "$dir" || exit 91
done
mount --bind "$WORK/hosts" /etc/hosts || exit 92
mkdir -p "$WORK/home" "$WORK/docker-config"
export HOME="$WORK/home" DOCKER_CONFIG="$WORK/docker-config"
unset DOCKER_HOST DOCKER_TLS_VERIFY DOCKER_CERT_PATH DOCKER_CONTEXT DOCKER_TLS

sudo() { "$@"; }
scp() {
    [ "$1" = -r ] && shift
    case $2 in
        "$QUICKSTART_HOST:") cp -r "$1" "$HOST_HOME/" ;;
        *) echo "scp stand-in: only 'scp -r SRC $QUICKSTART_HOST:' is the quick start's copy, not: $*"; return 2 ;;
    esac
}
systemctl() {
    case "$*" in
        daemon-reload) return 0 ;;
        "restart docker")
            unit=/etc/systemd/system/docker.service.d/dockcert.conf
            exec_start=$(sed -n 's/^ExecStart=\(..*\)$/\1/p' "$unit" | tail -n 1)
            [ -n "$exec_start" ] || { echo "systemctl stand-in: no ExecStart in $unit"; return 1; }
            echo "systemctl stand-in: starting $exec_start"
            # ExecStart split into words, as systemd splits it.
            $exec_start --data-root="$WORK/data" --exec-root="$WORK/exec" --pidfile="$WORK/docker.pid" \
                --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
                >"$WORK/dockerd.log" 2>&1 &
            dockerd_pid=$!
            tries=0
            until docker -H unix:///var/run/docker.sock version >/dev/null 2>&1; do
                tries=$((tries + 1))
                if [ "$tries" -gt 450 ] || ! kill -0 "$dockerd_pid" 2>/dev/null; then
                    echo "systemctl stand-in: dockerd did not come up; its log:"
                    cat "$WORK/dockerd.log"
                    return 1
                fi
                sleep 0.2
            done ;;
        *) echo "systemctl stand-in: '$*' is not one of the quick start's"; return 2 ;;
    esac
}
"#;

/// The shell script that runs `steps` after [`PRELUDE`], each step in a
/// subshell started in its machine's folder, each command announced with
/// `+ ` and the script stopped at the first that fails.
fn script(steps: &[Step], host: &str) -> String {
    let mut text = format!("QUICKSTART_HOST={}\n{PRELUDE}", quoted(host));
    for step in steps {
        let folder = if step.on_host { "$HOST_HOME" } else { "$ADMIN" };
        text.push_str(&format!(
            "\nprintf '%s\\n' {}\n(\ncd \"{folder}\" || exit 93\n",
            quoted(&step.title)
        ));
        for command in &step.commands {
            text.push_str(&format!(
                "printf '+ %s\\n' {q}\n{command}\nstatus=$?\n\
                 [ \"$status\" -eq 0 ] || {{ printf 'quickstart: failed with status %s: %s\\n' \"$status\" {q}; exit \"$status\"; }}\n",
                q = quoted(command)
            ));
        }
        text.push_str(") || exit $?\n");
    }
    text
}

/// The admin machine's folder as a release leaves it: the binary under its
/// release name and a SHA256SUMS for it.
fn admin_folder(admin: &Path) {
    fs::create_dir(admin).unwrap();
    fs::copy(dockcert_bin(), admin.join("dockcert-x86_64-linux-musl")).unwrap();
    let sums = dockcert_tests::run(
        Command::new("sha256sum")
            .arg("dockcert-x86_64-linux-musl")
            .current_dir(admin),
    )
    .ok();
    fs::write(admin.join("SHA256SUMS"), sums.stdout).unwrap();
}

/// Runs `script` inside fresh network, mount and pid namespaces (so every
/// process it starts ends with it) on a pseudo-terminal where the
/// passphrase is typed twice.
fn run_on_a_terminal(work: &Path, script: &Path, admin: &Path, host_home: &Path) -> Run {
    use std::io::Write as _;
    require_tool("script");
    require_tool("unshare");
    require_tool("ip");
    require_tool("dockerd");
    require_tool("docker");
    let line = [
        "unshare --mount --propagation private --net --pid --fork --mount-proc sh".to_owned(),
        quoted(&script.to_string_lossy()),
        quoted(&admin.to_string_lossy()),
        quoted(&host_home.to_string_lossy()),
        quoted(&work.to_string_lossy()),
    ]
    .join(" ");
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(work)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let typed = format!("{PASSPHRASE}\n{PASSPHRASE}\n");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(typed.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap().into()
}

#[test]
fn the_readme_quick_start_reaches_a_real_dockerd_over_tls() {
    let steps = quickstart(README);
    assert!(
        steps.iter().any(|s| s.on_host) && steps.iter().any(|s| !s.on_host),
        "README.md: the quick start needs steps on the admin machine and on the host: {steps:#?}"
    );
    let last = steps
        .iter()
        .flat_map(|s| &s.commands)
        .next_back()
        .expect("README.md: the quick start has no command");
    assert!(
        last.starts_with("docker --tlsverify") && last.ends_with(" version"),
        "README.md: the quick start must end in `docker --tlsverify … version`, not: {last}"
    );
    let host = host_name(&steps);

    let work = new_dir("qs");
    let (admin, host_home) = (work.path().join("admin"), work.path().join("host-home"));
    admin_folder(&admin);
    fs::create_dir(&host_home).unwrap();
    fs::write(
        work.path().join("hosts"),
        format!("127.0.0.1 localhost\n127.0.0.1 {host}\n"),
    )
    .unwrap();
    let script_path = work.path().join("quickstart.sh");
    fs::write(&script_path, script(&steps, &host)).unwrap();

    let out = run_on_a_terminal(work.path(), &script_path, &admin, &host_home);
    let all = out.all();
    assert_eq!(out.status, 0, "the quick start failed:\n{all}");
    // What the last command, the client's `docker version`, printed: the
    // daemon's half too, which only a TLS connection that dockerd accepted
    // (with alice's certificate) can give.
    let (_, answer) = all
        .rsplit_once(&format!("+ {last}"))
        .expect("the last command was not run");
    assert!(answer.contains("Server:"), "no server answered:\n{all}");
    assert!(answer.contains("API version:"), "{all}");
    // The files came from the bundle and went where the README says.
    assert!(
        all.contains("dockcert-x86_64-linux-musl: OK"),
        "sha256sum did not check the binary:\n{all}"
    );
}

#[test]
fn a_quick_start_that_is_not_marked_or_not_closed_is_refused() {
    for broken in [
        "# no quick start\n",
        "<!-- quickstart -->\n```sh\n# 1. On your admin machine\nls\n```\n",
    ] {
        let refused = std::panic::catch_unwind(|| quickstart(broken));
        assert!(refused.is_err(), "{broken:?} was taken as a quick start");
    }
    let steps = quickstart(
        "<!-- quickstart -->\n```sh\n# 1. On your admin machine: a\nls \\\n  -l\n\
         # 2. On the host: b\ncd x && ls\n```\n<!-- /quickstart -->\n",
    );
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].commands, ["ls -l"]);
    assert!(!steps[0].on_host && steps[1].on_host);
}
