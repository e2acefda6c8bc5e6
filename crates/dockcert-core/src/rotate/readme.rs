//! A rotation bundle's README.txt, in the plan's language: the new CA and
//! the one it replaces, the files, the three phases in order and why that
//! order, the docker contexts, the restarts that keep containers
//! (live-restore and its limits), and what `--drop` does and does not do.

use std::fmt::Write;

use crate::bundle::readme::{intro, what_is_here};
use crate::bundle::{Bundle, FileFacts};
use crate::lang::Lang;
use crate::pki::{self, CertFacts};

/// README.txt of the rotation bundle `about`, listing `files`; it replaces
/// `previous`, and `dropped` got nothing under the new CA.
pub(crate) fn render(
    about: &Bundle,
    files: &[FileFacts],
    previous: &CertFacts,
    dropped: &[String],
) -> String {
    let lang = about.plan.lang;
    let mut t = String::new();
    intro(&mut t, about);
    let old_name = crate::show::safe(previous.name()).into_owned();
    let old_end = pki::day(previous.not_after);
    blank_line(&mut t);
    t.push_str(&match lang {
        Lang::En => format!(
            "This is a CA ROTATION: it replaces the CA \"{old_name}\" (ends {old_end}; ca/previous-ca.pem)\n\
             with the new one above, for every host and client below.\n"
        ),
        Lang::Zh => format!(
            "这是一次 CA 轮换：用上面的新 CA 替换 CA“{old_name}”（{old_end} 到期；ca/previous-ca.pem），\n\
             适用于下面的每台主机和每个客户端。\n"
        ),
    });
    if about.created > previous.not_after {
        blank_line(&mut t);
        t.push_str(&match lang {
            Lang::En => format!(
                "THE OLD CA HAS EXPIRED\n\n\
                 It ended on {old_end}: docker already refuses every certificate it issued,\n\
                 on every host and client, so phase 1 changes nothing that works. A\n\
                 connection comes back once its host and its client have both done phase 2.\n\
                 Run the phases in order all the same: each install.sh replaces only the\n\
                 files it expects, and phase 3 leaves the expired CA out of ca.pem.\n"
            ),
            Lang::Zh => format!(
                "旧 CA 已到期\n\n\
                 它已于 {old_end} 到期：docker 已经在每台主机和每个客户端上拒绝它签发的每一张证书，\n\
                 所以第 1 阶段不会改变任何仍在工作的连接。主机和客户端都完成第 2 阶段后，它们之间的\n\
                 连接就会恢复。仍请按顺序运行各个阶段：每个 install.sh 只替换它预期的文件，\n\
                 第 3 阶段会把已到期的 CA 从 ca.pem 中去掉。\n"
            ),
        });
    }
    what_is_here(&mut t, files, lang);
    blank_line(&mut t);
    let dir = about
        .plan
        .servers
        .first()
        .map(|s| s.install_dir.as_str())
        .unwrap_or("/etc/docker");
    t.push_str(&match lang {
        Lang::En => en_phases(dir),
        Lang::Zh => zh_phases(dir),
    });
    if about.plan.ansible {
        t.push_str(super::readme_ansible::section(lang));
    }
    let names: Vec<String> = dropped
        .iter()
        .map(|n| crate::show::quoted(n).into_owned())
        .collect();
    let _ = match (lang, names.is_empty()) {
        (Lang::En, true) => writeln!(t, "DROPPED\n\nNo host or client was dropped (--drop).\n"),
        (Lang::En, false) => writeln!(t, "DROPPED: {}\n", names.join(", ")),
        (Lang::Zh, true) => writeln!(t, "移除\n\n没有移除任何主机或客户端（--drop）。\n"),
        (Lang::Zh, false) => writeln!(t, "移除：{}\n", names.join("、")),
    };
    if about.plan.clients.is_empty() {
        let issue = "dockcert issue --ca-cert ca/ca.pem --ca-key ca/ca-key.pem --client NAME --out NAME.zip";
        let _ = match lang {
            Lang::En => writeln!(
                t,
                "No client is kept: once phase 3 is done, no client reaches the hosts until one\n\
                 is issued from the new CA, for example:\n\n    {issue}\n"
            ),
            Lang::Zh => writeln!(
                t,
                "没有保留任何客户端：第 3 阶段完成后，在用新 CA 签发客户端证书之前，没有客户端\n\
                 能连接这些主机。签发示例：\n\n    {issue}\n"
            ),
        };
    }
    t.push_str(match lang {
        Lang::En => EN_DROP,
        Lang::Zh => ZH_DROP,
    });
    crate::show::safe_document_owned(t)
}

/// Ends `t` with an empty line, as README.txt's parts are set apart.
fn blank_line(t: &mut String) {
    while !t.ends_with("\n\n") {
        t.push('\n');
    }
}

fn en_phases(dir: &str) -> String {
    format!(
        "THE THREE PHASES\n\
         \n\
         Run them in order: every host and every client finishes phase 1 before any\n\
         starts phase 2, and all finish phase 2 before any starts phase 3. Each phase\n\
         on its own keeps every current connection working.\n\
         \n\
         Phase 1, trust both: each host and each client installs ca-both.pem (the old\n\
         CA and the new) as its ca.pem. Nothing else changes.\n\
         Phase 2, switch: each host installs its new server-cert.pem and\n\
         server-key.pem, each client its new cert.pem and key.pem, in any order, host\n\
         by host: since phase 1 both sides trust both CAs.\n\
         Phase 3, drop the old CA: ca.pem becomes the new CA alone. Whatever still\n\
         holds an old-CA certificate is refused from now on.\n\
         \n\
         Why the order: a client on its new certificate is refused by a host that has\n\
         not finished phase 1, and a host that finished phase 3 refuses a client that\n\
         has not finished phase 2.\n\
         \n\
         For each phase N (1, then 2, then 3), on each host, in its folder server/NAME/,\n\
         as root (its files are in {dir}):\n\
         \n\
         \x20   sudo ./install.sh --phase N\n\
         \x20   systemctl reload docker\n\
         \x20   docker info --format '{{{{.LiveRestoreEnabled}}}}'      (must print true)\n\
         \x20   systemctl restart docker\n\
         \n\
         and on each client, in its folder client/NAME/, as the user who runs docker:\n\
         \n\
         \x20   ./install.sh --phase N\n\
         \n\
         A phase replaces a file only when it is the one the phase before (or the\n\
         bundle this rotation replaces) installed, by SHA-256; otherwise it names the\n\
         file that differs and installs nothing (--force replaces it anyway).\n\
         Check each phase before the next. On each host, as root, the certificates\n\
         now installed, soonest end first (after phase 1 ca.pem holds both CAs):\n\
         \n\
         \x20   dockcert expiry {dir}\n\
         \n\
         and from this bundle's folder, for each host (HOST:PORT as clients dial it)\n\
         with a client NAME that is kept:\n\
         \n\
         \x20   dockcert probe tcp://HOST:PORT --tlscacert client/NAME/ca-both.pem --tlscert client/NAME/cert.pem --tlskey client/NAME/key.pem  (after phase 1)\n\
         \x20   dockcert probe tcp://HOST:PORT --client client/NAME  (after phases 2 and 3)\n\
         \n\
         After phase 1 the host accepts a client of the new CA; after phase 2 it shows\n\
         its new certificate; after phase 3 a client of the old bundle is refused\n\
         (dockcert probe tcp://HOST:PORT --client OLD/client/NAME says so). From a\n\
         client, docker --context HOST version checks the same from its side.\n\
         Where a host has the expiry check (install.sh --expiry-check), each phase\n\
         puts its certificates' rows (server/NAME/certificates-phaseN.tsv) in place\n\
         of the old ones in /etc/dockcert/certificates.tsv and runs the check once;\n\
         sudo dockcert-expiry-check runs it again.\n\
         \n\
         DOCKER CONTEXTS\n\
         \n\
         docker copies a context's TLS files into its own store when the context is\n\
         made: a context docker-context.sh made keeps the old files until it is\n\
         updated. The client's install.sh --phase N updates each of them; by hand,\n\
         after each phase, for each host:\n\
         \n\
         \x20   docker context update HOST --docker \"host=tcp://HOST:PORT,ca=DIR/ca.pem,cert=DIR/cert.pem,key=DIR/key.pem\"\n\
         \n\
         (DIR is the client's folder, $HOME/.docker/dockcert/NAME unless --dir said otherwise.)\n\
         \n\
         RESTARTS THAT KEEP CONTAINERS (live-restore)\n\
         \n\
         dockerd reads its TLS files only when it starts, so each phase restarts it on\n\
         every host. \"live-restore\": true in /etc/docker/daemon.json keeps the\n\
         containers running while it restarts; install.sh --phase N refuses to run\n\
         without it, and install.sh --phase N --live-restore adds it. A dockerd that was\n\
         started without live-restore stops every container on the restart that turns\n\
         it on (it shuts down with the settings it runs with), so the order is: add it\n\
         (--live-restore), reload dockerd (systemctl reload docker, or kill -HUP: dockerd\n\
         takes live-restore on a reload), check that docker info says true, and only\n\
         then restart.\n\
         Its limits: live-restore does not survive a change of storage driver or an\n\
         upgrade of dockerd across versions (do neither in the same restart), and\n\
         dockerd refuses it in swarm mode.\n\
         \n"
    )
}

fn zh_phases(dir: &str) -> String {
    format!(
        "三个阶段\n\
         \n\
         请按顺序运行：每台主机和每个客户端都完成第 1 阶段后，才能有任何一方开始第 2 阶段；\n\
         全部完成第 2 阶段后，才能有任何一方开始第 3 阶段。每个阶段本身都不会中断现有的连接。\n\
         \n\
         第 1 阶段，同时信任新旧 CA：每台主机和每个客户端把 ca-both.pem（旧 CA 与新 CA）\n\
         安装为自己的 ca.pem。其他都不变。\n\
         第 2 阶段，切换：每台主机安装新的 server-cert.pem 和 server-key.pem，每个客户端安装\n\
         新的 cert.pem 和 key.pem，顺序不限，逐台进行：第 1 阶段之后双方都信任两个 CA。\n\
         第 3 阶段，停用旧 CA：ca.pem 变为只有新 CA。此后仍持有旧 CA 证书的一方都会被拒绝。\n\
         \n\
         为什么要按这个顺序：尚未完成第 1 阶段的主机会拒绝已换上新证书的客户端；\n\
         已完成第 3 阶段的主机会拒绝尚未完成第 2 阶段的客户端。\n\
         \n\
         每个阶段 N（先 1，再 2，最后 3），在每台主机上、在它的目录 server/NAME/ 中以 root 身份\n\
         运行（它的文件在 {dir} 中）：\n\
         \n\
         \x20   sudo ./install.sh --phase N\n\
         \x20   systemctl reload docker\n\
         \x20   docker info --format '{{{{.LiveRestoreEnabled}}}}'      （必须输出 true）\n\
         \x20   systemctl restart docker\n\
         \n\
         并在每个客户端上、在它的目录 client/NAME/ 中以运行 docker 的用户身份运行：\n\
         \n\
         \x20   ./install.sh --phase N\n\
         \n\
         只有当已安装的文件正是上一阶段（或本次轮换所替换的证书包）安装的文件时（按 SHA-256\n\
         比较），这一阶段才会替换它；否则会指出哪个文件不同，并且不安装任何文件（--force 会照样替换）。\n\
         开始下一阶段之前先检查这一阶段。在每台主机上以 root 身份列出现在安装的证书，最早到期的\n\
         在前（第 1 阶段之后 ca.pem 中有两个 CA）：\n\
         \n\
         \x20   dockcert expiry {dir}\n\
         \n\
         并在本证书包的目录中，对每台主机（HOST:PORT 为客户端连接它的地址），用一个保留的\n\
         客户端 NAME 运行：\n\
         \n\
         \x20   dockcert probe tcp://HOST:PORT --tlscacert client/NAME/ca-both.pem --tlscert client/NAME/cert.pem --tlskey client/NAME/key.pem  （第 1 阶段之后）\n\
         \x20   dockcert probe tcp://HOST:PORT --client client/NAME  （第 2、3 阶段之后）\n\
         \n\
         第 1 阶段之后，主机接受新 CA 的客户端；第 2 阶段之后，它出示新的证书；第 3 阶段之后，\n\
         旧证书包的客户端会被拒绝（dockcert probe tcp://HOST:PORT --client OLD/client/NAME\n\
         会指出这一点）。在客户端上，docker --context HOST version 从它那一侧做同样的检查。\n\
         主机装有到期检查（install.sh --expiry-check）时，每个阶段会把它安装的证书的记录\n\
         （server/NAME/certificates-phaseN.tsv）写入 /etc/dockcert/certificates.tsv，替换旧的记录，\n\
         并运行一次检查；sudo dockcert-expiry-check 可以再运行一次。\n\
         \n\
         DOCKER 上下文\n\
         \n\
         docker 创建上下文时会把 TLS 文件复制到它自己的存储中：docker-context.sh 创建的上下文\n\
         在更新之前一直使用旧文件。客户端的 install.sh --phase N 会更新每一个；手动操作时，\n\
         在每个阶段之后，对每台主机运行：\n\
         \n\
         \x20   docker context update HOST --docker \"host=tcp://HOST:PORT,ca=DIR/ca.pem,cert=DIR/cert.pem,key=DIR/key.pem\"\n\
         \n\
         （DIR 是客户端的目录，除非用 --dir 另行指定，否则为 $HOME/.docker/dockcert/NAME。）\n\
         \n\
         重启时容器继续运行（live-restore）\n\
         \n\
         dockerd 只在启动时读取 TLS 文件，所以每个阶段都要在每台主机上重启它。\n\
         /etc/docker/daemon.json 中的 \"live-restore\": true 让容器在重启期间继续运行；\n\
         没有它，install.sh --phase N 会拒绝运行，install.sh --phase N --live-restore 会把它加上。\n\
         启动时没有 live-restore 的 dockerd，在开启它的那次重启中会停止所有容器（它按运行中的设置\n\
         关闭），所以顺序是：加上它（--live-restore），重新加载 dockerd（systemctl reload docker，\n\
         或 kill -HUP：dockerd 在重新加载时采用 live-restore），确认 docker info 显示 true，\n\
         然后才重启。\n\
         它的限制：更换存储驱动，或跨版本升级 dockerd 时，live-restore 不起作用（不要在同一次重启中\n\
         做这两件事）；dockerd 在 swarm 模式下不允许使用它。\n\
         \n"
    )
}

const EN_DROP: &str = "\
--drop is the only revocation dockerd has: it checks no revocation list and asks\n\
no OCSP responder. A dropped host or client got no certificate under the new CA.\n\
dockerd accepts a dropped client's certificate until phase 3 is done on every\n\
host: that is the window, so run the phases without delay. (Its own docker,\n\
trusting the old CA alone, stops trusting a host once the host has done phase\n\
2, but a client that skips checking the host still gets in until phase 3.)\n\
After phase 3 it is refused.\n\
\n\
THE NEW CA KEY\n\
\n\
ca/ca-key.pem is the new CA's key, encrypted with the new passphrase: keep it\n\
offline and never copy it to a host. Keep the old CA's key until phase 3 is\n\
done everywhere (it undoes nothing after), then destroy it.\n";

const ZH_DROP: &str = "\
--drop 是 dockerd 唯一的撤销手段：它不检查吊销列表，也不询问 OCSP 服务器。被移除的主机或\n\
客户端没有得到新 CA 签发的证书。在每台主机完成第 3 阶段之前，dockerd 仍然接受被移除客户端的\n\
证书：这就是窗口期，所以请尽快完成各个阶段。（它自己的 docker 只信任旧 CA，在主机完成第 2\n\
阶段后就不再信任该主机；但不检查主机证书的客户端在第 3 阶段之前仍然可以连接。）\n\
第 3 阶段之后它会被拒绝。\n\
\n\
新 CA 私钥\n\
\n\
ca/ca-key.pem 是新 CA 的私钥，用新口令加密：请离线保存，绝不要复制到主机上。\n\
在每一处都完成第 3 阶段之前，保留旧 CA 的私钥（之后它已无用），然后销毁它。\n";
