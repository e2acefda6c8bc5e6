//! The closing summary's and the notices' words, in English and Chinese
//! side by side (the glossary is shared/UI.md). Paths, commands and flags
//! stay as they are in both.

use dockcert_core::pki::{CertRole, CA_KEY_PBKDF2_ROUNDS};
use dockcert_core::rotate::{PhaseSummary, RotationPhase};
use dockcert_core::{Lang, Localized};

/// One thing the summary or a notice says.
pub(crate) enum Said<'a> {
    /// What was made and where: the summary's first line.
    Made {
        /// The key type's name.
        key_type: &'a str,
        /// How many hosts.
        hosts: usize,
        /// How many clients.
        clients: usize,
        /// A zip (else a folder).
        zip: bool,
        /// Where.
        path: &'a str,
        /// A CA rotation's bundle (`dockcert rotate`), else a bundle to install.
        rotation: bool,
    },
    /// No `--client` was given: one client was made, named so.
    DefaultClient(&'a str),
    /// No `--ca-name` was given: the CA was named so.
    DefaultCaName(&'a str),
    /// What a certificate is for, in the table of certificates.
    Role(CertRole),
    /// When a certificate expires.
    Expires(&'a str),
    /// The label of the CA's fingerprint.
    CaFingerprint,
    /// The new CA key is encrypted, and how.
    CaKeyEncrypted,
    /// The new CA key is not.
    CaKeyPlain,
    /// Too many files to list: their modes in one line.
    ManyFiles(usize),
    /// The label before a warning.
    Warning,
    /// The heading of the next steps.
    NextSteps,
    /// The next steps of the dind layout, its files under `prefix`.
    Dind {
        /// The bundle's top folder, with its slash, in a zip.
        prefix: &'a str,
    },
    /// The output is a zip: unzip it before copying the folders below.
    UnzipFirst {
        /// The zip, as a shell word.
        zip: &'a str,
        /// The bundle's top folder, with its slash.
        prefix: &'a str,
    },
    /// Copy a host's folder there and run, in it:
    OnHost {
        /// The host's name.
        name: &'a str,
        /// Its folder.
        folder: &'a str,
    },
    /// Copy a client's folder to its machine and run, as its user:
    ForClient {
        /// The client's name.
        name: &'a str,
        /// Its folder.
        folder: &'a str,
    },
    /// The same steps for the hosts not shown.
    OtherHosts(usize),
    /// The same steps for the clients not shown.
    OtherClients(usize),
    /// Keep ca/ offline.
    KeepCa {
        /// The bundle's top folder, with its slash, in a zip.
        prefix: &'a str,
    },
    /// An existing CA's key, which the bundle does not hold: keep it offline.
    KeepCaKey,
    /// `--no-passphrase`, before the keys are made.
    NoPassphrase,
    /// A rotation's next steps: the three phases, in order, in the
    /// folders under `prefix`.
    Rotation {
        /// The zip's top folder and a slash, or nothing.
        prefix: &'a str,
    },
    /// A note about the renewal, before the keys are made.
    Note(&'a str),
}

impl Localized for Said<'_> {
    fn text(&self, lang: Lang) -> String {
        use Said as S;
        match (self, lang) {
            (S::Made { key_type, hosts, clients, zip, path, rotation }, Lang::En) => {
                let what = if *zip { "zip" } else { "folder" };
                let bundle = if *rotation { "CA rotation bundle" } else { "Docker TLS bundle" };
                format!(
                    "Made a {bundle} ({key_type} keys): {hosts} host{}, {clients} client{}, in the {what} {path}",
                    plural(*hosts),
                    plural(*clients)
                )
            }
            (S::Made { key_type, hosts, clients, zip, path, rotation }, Lang::Zh) => {
                let what = if *zip { " zip 文件" } else { "目录" };
                let bundle = if *rotation { "CA 轮换证书包" } else { "Docker TLS 证书包" };
                format!(
                    "已生成 {bundle}（{key_type} 密钥）：{hosts} 台主机，{clients} 个客户端，保存在{what} {path}"
                )
            }
            (S::DefaultClient(name), Lang::En) => {
                format!("  no --client given: made one client named `{name}` (name each with --client NAME)")
            }
            (S::DefaultClient(name), Lang::Zh) => {
                format!("  未指定 --client：已生成一个名为 `{name}` 的客户端（可用 --client NAME 为每个客户端命名）")
            }
            (S::DefaultCaName(name), Lang::En) => {
                format!("  no --ca-name given: the CA is named `{name}`")
            }
            (S::DefaultCaName(name), Lang::Zh) => {
                format!("  未指定 --ca-name：CA 名为 `{name}`")
            }
            (S::Role(role), Lang::En) => match role {
                CertRole::Ca => "CA",
                CertRole::Server => "host",
                CertRole::Client => "client",
            }
            .to_owned(),
            (S::Role(role), Lang::Zh) => match role {
                CertRole::Ca => "CA",
                CertRole::Server => "主机",
                CertRole::Client => "客户端",
            }
            .to_owned(),
            (S::Expires(day), Lang::En) => format!("expires {day}"),
            (S::Expires(day), Lang::Zh) => format!("{day} 到期"),
            (S::CaFingerprint, Lang::En) => "CA fingerprint (SHA-256)".to_owned(),
            (S::CaFingerprint, Lang::Zh) => "CA 指纹（SHA-256）".to_owned(),
            (S::CaKeyEncrypted, Lang::En) => {
                format!("encrypted (PBKDF2-SHA256, {CA_KEY_PBKDF2_ROUNDS} rounds, AES-256-CBC)")
            }
            (S::CaKeyEncrypted, Lang::Zh) => {
                format!("已加密（PBKDF2-SHA256，{CA_KEY_PBKDF2_ROUNDS} 轮，AES-256-CBC）")
            }
            (S::CaKeyPlain, Lang::En) => "NOT encrypted".to_owned(),
            (S::CaKeyPlain, Lang::Zh) => "未加密".to_owned(),
            (S::ManyFiles(n), Lang::En) => format!(
                "{n} files: keys 0400, certificates 0444, scripts 0755, the rest 0644 (README.txt lists them all)"
            ),
            (S::ManyFiles(n), Lang::Zh) => format!(
                "共 {n} 个文件：私钥 0400，证书 0444，脚本 0755，其余 0644（README.txt 列出了全部文件）"
            ),
            (S::Warning, Lang::En) => "warning: ".to_owned(),
            (S::Warning, Lang::Zh) => "警告：".to_owned(),
            (S::NextSteps, Lang::En) => "Next steps".to_owned(),
            (S::NextSteps, Lang::Zh) => "后续步骤".to_owned(),
            (S::Dind { prefix }, Lang::En) => format!(
                "  Beside {prefix}compose.yaml: docker compose up   (docker:dind with certs/, and a client)\n  \
                 Or mount {prefix}certs/ca and {prefix}certs/server at /certs/ca and /certs/server of a docker:dind\n  \
                 container with DOCKER_TLS_CERTDIR=/certs; clients use {prefix}certs/client as DOCKER_CERT_PATH.\n  \
                 Keep {prefix}ca/ offline. README.txt has the details."
            ),
            (S::Dind { prefix }, Lang::Zh) => format!(
                "  在 {prefix}compose.yaml 所在目录中：docker compose up   （使用 certs/ 的 docker:dind，以及一个客户端）\n  \
                 或者把 {prefix}certs/ca 和 {prefix}certs/server 挂载到 docker:dind 容器的 /certs/ca 和\n  \
                 /certs/server，并设置 DOCKER_TLS_CERTDIR=/certs；客户端以 {prefix}certs/client 作为 DOCKER_CERT_PATH。\n  \
                 请离线保存 {prefix}ca/。详见 README.txt。"
            ),
            (S::UnzipFirst { zip, prefix }, Lang::En) => format!(
                "First unzip the bundle: unzip {zip}   (the folders below are in the {prefix} it makes)"
            ),
            (S::UnzipFirst { zip, prefix }, Lang::Zh) => format!(
                "先解压证书包：unzip {zip}   （下面的目录都在解压出的 {prefix} 中）"
            ),
            (S::OnHost { name, folder }, Lang::En) => {
                format!("On the host {name}: copy {folder} there, then in that folder")
            }
            (S::OnHost { name, folder }, Lang::Zh) => {
                format!("在主机 {name} 上：把 {folder} 复制过去，然后在该目录中运行")
            }
            (S::ForClient { name, folder }, Lang::En) => {
                format!("For the client {name}: copy {folder} to its machine, then as its user")
            }
            (S::ForClient { name, folder }, Lang::Zh) => {
                format!("客户端 {name}：把 {folder} 复制到它的机器上，然后以该用户身份运行")
            }
            (S::OtherHosts(n), Lang::En) => format!("... and the same on the other {n} hosts"),
            (S::OtherHosts(n), Lang::Zh) => format!("……其余 {n} 台主机同样操作"),
            (S::OtherClients(n), Lang::En) => {
                format!("... and the same for the other {n} clients")
            }
            (S::OtherClients(n), Lang::Zh) => format!("……其余 {n} 个客户端同样操作"),
            (S::KeepCa { prefix }, Lang::En) => format!(
                "Keep {prefix}ca/ offline: ca-key.pem signs new certificates. README.txt has the details."
            ),
            (S::KeepCa { prefix }, Lang::Zh) => {
                format!("请离线保存 {prefix}ca/：ca-key.pem 用于签发新证书。详见 README.txt。")
            }
            (S::KeepCaKey, Lang::En) => "The CA's key is not in this bundle: keep it offline, where --ca-key read it from. README.txt has the details.".to_owned(),
            (S::KeepCaKey, Lang::Zh) => {
                "CA 私钥不在此证书包中：请继续离线保存在 --ca-key 读取它的地方。详见 README.txt。".to_owned()
            }
            (S::Rotation { prefix }, _) => {
                // The core's words, which the page's next steps say too.
                let mut t = format!("  {}", PhaseSummary::Heading.text(lang));
                for phase in RotationPhase::ALL {
                    let said = PhaseSummary::Phase(phase, prefix).text(lang);
                    for (i, line) in said.lines().enumerate() {
                        match i {
                            0 => t.push_str(&format!("\n  {}. {line}", phase.number())),
                            _ => t.push_str(&format!("\n     {line}")),
                        }
                    }
                }
                t
            }
            (S::NoPassphrase, Lang::En) => {
                "dockcert: warning: --no-passphrase: the CA key will be written unencrypted"
                    .to_owned()
            }
            (S::NoPassphrase, Lang::Zh) => {
                "dockcert: 警告：--no-passphrase：CA 私钥将以未加密形式写入".to_owned()
            }
            (S::Note(note), Lang::En) => format!("dockcert: note: {note}"),
            (S::Note(note), Lang::Zh) => format!("dockcert: 说明：{note}"),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotations_steps_are_the_cores_phase_summary_laid_out_in_lines() {
        let en = Said::Rotation { prefix: "r/" }.text(Lang::En);
        assert_eq!(
            en,
            "  A CA rotation in three phases, run in order (README.txt says each step):\n\
             \x20 1. trust both: on every host (r/server/NAME/) and client (r/client/NAME/): ./install.sh --phase 1;\n\
             \x20    on a host then: systemctl reload docker, check docker info says live-restore true, systemctl restart docker\n\
             \x20 2. switch: only when all have finished phase 1: ./install.sh --phase 2 (hosts reload and restart again)\n\
             \x20 3. drop the old CA: only when all have finished phase 2: ./install.sh --phase 3 (hosts reload and restart again);\n\
             \x20    from then on old-CA and dropped certificates are refused"
        );
        let zh = Said::Rotation { prefix: "" }.text(Lang::Zh);
        assert_eq!(
            zh,
            "  分三个阶段轮换 CA，按顺序进行（每一步见 README.txt）：\n\
             \x20 1. 同时信任新旧 CA：在每台主机（server/NAME/）和每个客户端（client/NAME/）上运行 ./install.sh --phase 1；\n\
             \x20    主机上接着运行：systemctl reload docker，确认 docker info 显示 live-restore 为 true，再 systemctl restart docker\n\
             \x20 2. 切换：全部完成第 1 阶段后才开始：./install.sh --phase 2（主机再次重新加载并重启）\n\
             \x20 3. 停用旧 CA：全部完成第 2 阶段后才开始：./install.sh --phase 3（主机再次重新加载并重启）；\n\
             \x20    此后旧 CA 的证书和被移除的证书都会被拒绝"
        );
    }
}
