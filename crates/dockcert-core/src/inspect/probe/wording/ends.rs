//! The probe's words on time and on the file on disk, in English and
//! Chinese: the served chain's days left, what was compared with what, the
//! fixes under them and the verdicts they give. Paths, names, fingerprints
//! and commands stay as they are.

use crate::inspect::probe::{Compared, End, FoundBy, Part};
use crate::lang::{Lang, Localized};
use crate::pki;
use crate::show::safe;

/// The days-left check's line.
pub(super) fn days(ends: &[End], lang: Lang) -> String {
    if ends.is_empty() {
        return match lang {
            Lang::En => "no certificate of the chain could be read".to_owned(),
            Lang::Zh => "证书链中没有可读取的证书".to_owned(),
        };
    }
    let each: Vec<String> = ends
        .iter()
        .map(|e| {
            let (part, name, at) = (part(e.part, lang), safe(&e.name), pki::minute(e.not_after));
            match lang {
                Lang::En => format!("{part} {name}: {} (ends {at})", left(e, lang)),
                Lang::Zh => format!("{part}“{name}”：{}（{at} 到期）", left(e, lang)),
            }
        })
        .collect();
    each.join(match lang {
        Lang::En => "; ",
        Lang::Zh => "；",
    })
}

fn part(p: Part, lang: Lang) -> &'static str {
    match (p, lang) {
        (Part::Leaf, Lang::En) => "the daemon's certificate",
        (Part::Leaf, Lang::Zh) => "守护进程的证书",
        (Part::Intermediate, Lang::En) => "the intermediate CA",
        (Part::Intermediate, Lang::Zh) => "中间 CA",
        (Part::Ca, Lang::En) => "the CA",
        (Part::Ca, Lang::Zh) => "CA",
    }
}

/// Its days as a person says them.
fn left(e: &End, lang: Lang) -> String {
    let d = e.days_left;
    match (d, lang) {
        (0, Lang::En) => "less than a day left".to_owned(),
        (0, Lang::Zh) => "剩余不到 1 天".to_owned(),
        (1, Lang::En) => "1 day left".to_owned(),
        (-1, Lang::En) => "ended less than a day ago".to_owned(),
        (-1, Lang::Zh) => "已过期（不到 1 天）".to_owned(),
        (-2, Lang::En) => "ended 1 day ago".to_owned(),
        (d, Lang::En) if d > 0 => format!("{d} days left"),
        (d, Lang::Zh) if d > 0 => format!("剩余 {d} 天"),
        (d, Lang::En) => format!("ended {} days ago", -d - 1),
        (d, Lang::Zh) => format!("已过期 {} 天", -d - 1),
    }
}

/// The on-disk check's line.
pub(super) fn on_disk(c: &Compared, lang: Lang) -> String {
    match (c, lang) {
        (Compared::Same { path, found_by, sha256 }, Lang::En) => format!(
            "dockerd serves the certificate in {} ({}; SHA-256 {sha256})",
            safe(path),
            found_by.text(lang)
        ),
        (Compared::Same { path, found_by, sha256 }, Lang::Zh) => format!(
            "dockerd 提供的正是 {} 中的证书（{}；SHA-256 {sha256}）",
            safe(path),
            found_by.text(lang)
        ),
        (Compared::Differs { path, found_by, served, file }, Lang::En) => format!(
            "dockerd serves another certificate than {} holds ({}): it serves SHA-256 {} (ends {}), the file holds SHA-256 {} (ends {}); dockerd has not been restarted since the file was replaced",
            safe(path),
            found_by.text(lang),
            served.0,
            pki::minute(served.1),
            file.0,
            pki::minute(file.1)
        ),
        (Compared::Differs { path, found_by, served, file }, Lang::Zh) => format!(
            "dockerd 提供的证书与 {} 中的不同（{}）：它提供的是 SHA-256 {}（{} 到期），文件中的是 SHA-256 {}（{} 到期）；文件被替换之后 dockerd 还没有重启",
            safe(path),
            found_by.text(lang),
            served.0,
            pki::minute(served.1),
            file.0,
            pki::minute(file.1)
        ),
        (Compared::Unreadable { path, found_by, why }, Lang::En) => format!(
            "{} ({}) holds no certificate that can be read{}: dockerd would not start with it",
            safe(path),
            found_by.text(lang),
            if why.is_empty() { String::new() } else { format!(" ({})", safe(why)) }
        ),
        (Compared::Unreadable { path, found_by, why }, Lang::Zh) => format!(
            "{}（{}）中没有可读取的证书{}：dockerd 用它将无法启动",
            safe(path),
            found_by.text(lang),
            if why.is_empty() { String::new() } else { format!("（“{}”）", safe(why)) }
        ),
        (Compared::NotFound { port, looked }, Lang::En) => format!(
            "no file found to compare with: dockcert looked at the dockerd listening on port {port} and in {}, and none names dockerd's certificate (give --compare DIR)",
            safe(&looked.join(", "))
        ),
        (Compared::NotFound { port, looked }, Lang::Zh) => format!(
            "没有找到可供比较的文件：dockcert 查看了监听端口 {port} 的 dockerd 以及 {}，其中都没有指明 dockerd 的证书（请用 --compare DIR 指定）",
            safe(&looked.join("、"))
        ),
        (Compared::NotOnHost, Lang::En) => "not run on the daemon's host: give --compare DIR (the folder holding dockerd's files) to compare the certificate served with its file".to_owned(),
        (Compared::NotOnHost, Lang::Zh) => "不是在守护进程所在的主机上运行：可用 --compare DIR（存放 dockerd 文件的文件夹）把所提供的证书与其文件比较".to_owned(),
    }
}

impl Localized for FoundBy {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (FoundBy::Given, Lang::En) => "given by --compare".to_owned(),
            (FoundBy::Given, Lang::Zh) => "由 --compare 指定".to_owned(),
            (FoundBy::DaemonFlag { pid }, Lang::En) => {
                format!("named by --tlscert of the dockerd listening on the port, pid {pid}")
            }
            (FoundBy::DaemonFlag { pid }, Lang::Zh) => {
                format!("由监听该端口的 dockerd（进程号 {pid}）的 --tlscert 指定")
            }
            (FoundBy::DaemonJson { path }, Lang::En) => {
                format!("named by tlscert in {}", safe(path))
            }
            (FoundBy::DaemonJson { path }, Lang::Zh) => {
                format!("由 {} 中的 tlscert 指定", safe(path))
            }
            (FoundBy::Flags { path }, Lang::En) => format!("named by --tlscert in {}", safe(path)),
            (FoundBy::Flags { path }, Lang::Zh) => format!("由 {} 中的 --tlscert 指定", safe(path)),
        }
    }
}

/// What to do about a certificate that ends soon.
pub(super) fn renew(p: Part, lang: Lang) -> String {
    match (p, lang) {
        (Part::Leaf, Lang::En) => "fix:   renew the daemon's certificate before it ends (dockcert renew), install it with the host's install.sh and restart dockerd: dockerd has no reload, and once it ends every docker client refuses it".to_owned(),
        (Part::Leaf, Lang::Zh) => "解决办法：在到期之前续期守护进程的证书（dockcert renew），用该主机的 install.sh 安装并重启 dockerd：dockerd 不会重新加载证书，证书一旦到期，所有 docker 客户端都会拒绝它".to_owned(),
        (p, Lang::En) => format!("fix:   every certificate {} signed stops being trusted when it ends: make a new CA (dockcert new) and move the hosts and clients to it before then", part(p, Lang::En)),
        (p, Lang::Zh) => format!("解决办法：{}到期后，它签发的所有证书都不再被信任：请在此之前新建 CA（dockcert new），并让各主机和客户端改用新 CA", part(p, Lang::Zh)),
    }
}

/// What to do when dockerd serves another certificate than its file.
pub(super) fn restart(lang: Lang) -> String {
    match lang {
        Lang::En => "fix:   dockerd reads its certificate only when it starts: restart it to serve the file (systemctl restart docker); with \"live-restore\": true in daemon.json (install.sh --live-restore), containers keep running".to_owned(),
        Lang::Zh => "解决办法：dockerd 只在启动时读取证书：重启它才会使用该文件（systemctl restart docker）；在 daemon.json 中设置 \"live-restore\": true（install.sh --live-restore）后，重启守护进程时容器继续运行".to_owned(),
    }
}

/// The verdict when dockerd has not read its renewed file.
pub(super) fn not_restarted(path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("dockerd serves another certificate than {} holds: restart it to serve the renewed file (see above)", safe(path)),
        Lang::Zh => format!("dockerd 提供的证书与 {} 中的不同：请重启它以使用续期后的文件（见上文）", safe(path)),
    }
}

/// The verdict when a certificate of the chain ends soon: `now` within 7
/// days or ended, otherwise within 30.
pub(super) fn ends(e: &End, now: bool, lang: Lang) -> String {
    let (part, name, left) = (part(e.part, lang), safe(&e.name), left(e, lang));
    match (now, lang) {
        (true, Lang::En) => format!("{part} {name}: {left} (see above)"),
        (true, Lang::Zh) => format!("{part}“{name}”：{left}（见上文）"),
        (false, Lang::En) => format!("works, but {part} {name} ends soon: {left} (see above)"),
        (false, Lang::Zh) => format!("目前正常，但{part}“{name}”即将到期：{left}（见上文）"),
    }
}
