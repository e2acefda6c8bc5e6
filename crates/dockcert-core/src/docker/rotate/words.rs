//! What a rotation bundle's install.sh says, in English and Chinese: each
//! message stands in `templates/server-rotate.sh`, `client-rotate.sh` and
//! `rotate-steps.sh` as `@rot:Name@`, inside a double-quoted shell string
//! (the `Help` ones as the scripts' opening comments); the Chinese brace
//! every variable (`${st_dest}`).

use crate::lang::Lang;

/// A message of a rotation bundle's install.sh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RotateMessage {
    /// The host's script's opening comment, which `--help` prints.
    HostHelp,
    /// The client's script's opening comment, which `--help` prints.
    ClientHelp,
    /// `--phase` missing, or not 1, 2 or 3 ($PHASE).
    PhaseNeeded,
    /// An option the host's script does not take ($1).
    UnknownHostOption,
    /// An option the client's script does not take ($1).
    UnknownClientOption,
    /// daemon.json ($DAEMON_JSON) is a symbolic link.
    DaemonJsonIsLink,
    /// daemon.json lacks "live-restore": true, and no --live-restore.
    NeedsLiveRestore,
    /// A file ($st_dest) differs from what it should be, --force given.
    ReplacingOther,
    /// A file ($st_dest) is not there.
    NotInstalled,
    /// A file ($st_dest, SHA-256 $st_now) is not what the phase before
    /// ($PHASE - 1) or the old bundle installed.
    FileDiffers,
    /// A file ($nd_dest) is not what phase $nd_phase installs, --force given.
    PhaseNotDoneForced,
    /// A file ($nd_dest) is not what phase $nd_phase installs.
    PhaseNotDone,
    /// "live-restore": true was just added: reload before restarting.
    LiveRestoreAdded,
    /// The host's phase ($PHASE) is in place: reload, check, restart.
    HostPhaseDone,
    /// Without systemd: SIGHUP, then restart as the host starts dockerd.
    WithoutSystemd,
    /// Phases 1 and 2: wait for every host and client before the next.
    NextPhase,
    /// Phase 3 on a host: the rotation is done here.
    LastPhaseDone,
    /// A docker context ($1) was updated to the files just installed.
    ContextUpdated,
    /// The client's phase ($PHASE) is in place.
    ClientPhaseDone,
    /// Phase 3 on a client: done.
    ClientLastPhaseDone,
    /// The expiry check ($CHECK), run after the phase, found nothing.
    CheckRanClean,
    /// The expiry check ($CHECK) ended with $check_status: something ends
    /// within 30 days, has ended, or could not be read.
    CheckRanWarned,
}

impl RotateMessage {
    /// Every message.
    pub(crate) const ALL: [RotateMessage; 22] = [
        RotateMessage::HostHelp,
        RotateMessage::ClientHelp,
        RotateMessage::PhaseNeeded,
        RotateMessage::UnknownHostOption,
        RotateMessage::UnknownClientOption,
        RotateMessage::DaemonJsonIsLink,
        RotateMessage::NeedsLiveRestore,
        RotateMessage::ReplacingOther,
        RotateMessage::NotInstalled,
        RotateMessage::FileDiffers,
        RotateMessage::PhaseNotDoneForced,
        RotateMessage::PhaseNotDone,
        RotateMessage::LiveRestoreAdded,
        RotateMessage::HostPhaseDone,
        RotateMessage::WithoutSystemd,
        RotateMessage::NextPhase,
        RotateMessage::LastPhaseDone,
        RotateMessage::ContextUpdated,
        RotateMessage::ClientPhaseDone,
        RotateMessage::ClientLastPhaseDone,
        RotateMessage::CheckRanClean,
        RotateMessage::CheckRanWarned,
    ];

    /// The placeholder it stands as in the templates.
    pub(crate) fn placeholder(self) -> String {
        format!("@rot:{self:?}@")
    }

    /// Its words in `lang`, as shell text.
    pub(crate) fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => en(self),
            Lang::Zh => zh(self),
        }
    }
}

fn en(message: RotateMessage) -> &'static str {
    use RotateMessage::*;
    match message {
        HostHelp => {
            r#"install.sh: the CA rotation's files for the host "@NAME@", phase by phase.
# Made by dockcert @VERSION@ (dockcert rotate). Run it as root on that host, from this folder:
#
#     sudo ./install.sh --phase 1|2|3 [--live-restore] [--force] [--root DIR]
#
# Phase 1 installs ca-both.pem (the old CA and the new) as @INSTALL_DIR@/ca.pem;
# phase 2 the new server-cert.pem and server-key.pem; phase 3 ca.pem (the new
# CA alone). Every host and every client finishes a phase before any starts
# the next: README.txt says why.
# A phase replaces a file only when it is the one the phase before (or the
# bundle this rotation replaces) installed, by SHA-256; otherwise it says
# which file differs and installs nothing, unless --force.
# dockerd reads its TLS files only when it starts, so each phase ends in a
# restart, and "live-restore": true in /etc/docker/daemon.json keeps the
# containers running through it: a phase refuses to run without it, unless
# --live-restore, which adds it (then reload dockerd before restarting it).
# When the host has the expiry check (install.sh --expiry-check), a phase
# also puts its certificates' rows in /etc/dockcert/certificates.tsv and
# runs the check once.
# --root DIR installs under DIR instead of / (to try it)."#
        }
        ClientHelp => {
            r#"install.sh: the CA rotation's files for the client "@NAME@", phase by phase.
# Made by dockcert @VERSION@ (dockcert rotate). Run it as the user who runs docker:
#
#     ./install.sh --phase 1|2|3 [--dir DIR] [--force]
#
# Phase 1 installs ca-both.pem (the old CA and the new) as ca.pem in
# @CERT_DIR@ (or --dir DIR); phase 2 the new cert.pem and key.pem; phase 3
# ca.pem (the new CA alone). Each phase also updates the docker contexts
# docker-context.sh made, since docker keeps its own copy of their files.
# Every host and every client finishes a phase before any starts the next.
# A phase replaces a file only when it is the one the phase before (or the
# bundle this rotation replaces) installed, by SHA-256; otherwise it says
# which file differs and installs nothing, unless --force."#
        }
        PhaseNeeded => {
            r#"install.sh: say which phase to install: --phase 1, --phase 2 or --phase 3"#
        }
        UnknownHostOption => {
            r#"install.sh: unknown option '$1' (allowed: --phase N, --live-restore, --force, --root DIR)"#
        }
        UnknownClientOption => {
            r#"install.sh: unknown option '$1' (allowed: --phase N, --dir DIR, --force)"#
        }
        DaemonJsonIsLink => {
            r#"install.sh: $DAEMON_JSON is a symbolic link; put the file itself there, then run this phase again"#
        }
        NeedsLiveRestore => {
            r#"install.sh: $DAEMON_JSON does not set \"live-restore\": true, so the restart this phase needs would stop every container. Run again with --live-restore to add it (then reload dockerd before restarting it)"#
        }
        ReplacingOther => r#"replacing  $st_dest (--force): it is not the file this phase expects"#,
        NotInstalled => {
            r#"install.sh: $st_dest is not there: this rotation replaces files that are installed; check the folder (--root, --dir), or install it anyway with --force"#
        }
        FileDiffers => {
            r#"install.sh: $st_dest differs from what the phase before, or the bundle this rotation replaces, installed there (its SHA-256 is $st_now); someone changed it: look at it, then run again with --force to replace it"#
        }
        PhaseNotDoneForced => r#"note: $nd_dest is not what phase $nd_phase installs (--force)"#,
        PhaseNotDone => {
            r#"install.sh: $nd_dest is not what phase $nd_phase installs: finish phase $nd_phase on this machine first"#
        }
        LiveRestoreAdded => {
            r#"\"live-restore\": true was added to $DAEMON_JSON. The running dockerd started without it, and a restart now would stop every container: reload it first (the reload turns live-restore on), check that it says true, then restart."#
        }
        HostPhaseDone => {
            r#"Phase $PHASE is in place on this host. dockerd reads its TLS files only when it starts: reload it, check that live-restore is on, then restart it (the containers keep running):"#
        }
        WithoutSystemd => {
            r#"Without systemd: kill -HUP \$(pidof dockerd), then restart dockerd the way this host starts it."#
        }
        NextPhase => {
            r#"Start phase $((PHASE + 1)) only when every host and every client has finished phase $PHASE."#
        }
        LastPhaseDone => {
            r#"This host now trusts the new CA alone: a client that still holds an old-CA certificate is refused."#
        }
        ContextUpdated => r#"updated    docker context $1"#,
        ClientPhaseDone => {
            r#"Phase $PHASE is in place for this client. Start phase $((PHASE + 1)) only when every host and every client has finished phase $PHASE."#
        }
        ClientLastPhaseDone => {
            r#"This client now trusts the new CA alone: a host that still has an old-CA certificate is refused."#
        }
        CheckRanClean => {
            r#"The expiry check ($CHECK) ran on the certificates now installed: none ends within 30 days."#
        }
        CheckRanWarned => {
            r#"The expiry check ($CHECK) ran on the certificates now installed and ended with status $check_status: a certificate ends within 30 days, has ended, or could not be read; its messages are in the journal (journalctl -t dockcert). The phase is in place all the same: an old CA that ends soon is why one rotates, and phase 3 takes it out of ca.pem."#
        }
    }
}

fn zh(message: RotateMessage) -> &'static str {
    use RotateMessage::*;
    match message {
        HostHelp => {
            r#"install.sh：按阶段为主机“@NAME@”安装轮换 CA 所需的文件。
# 由 dockcert @VERSION@（dockcert rotate）生成。请在该主机上、在本目录中以 root 身份运行：
#
#     sudo ./install.sh --phase 1|2|3 [--live-restore] [--force] [--root DIR]
#
# 第 1 阶段把 ca-both.pem（旧 CA 与新 CA）安装为 @INSTALL_DIR@/ca.pem；
# 第 2 阶段安装新的 server-cert.pem 和 server-key.pem；第 3 阶段安装 ca.pem（只有新 CA）。
# 每台主机和每个客户端都完成一个阶段后，才能开始下一个阶段：原因见 README.txt。
# 只有当已安装的文件正是上一阶段（或本次轮换所替换的证书包）安装的文件时（按 SHA-256 比较），
# 这一阶段才会替换它；否则会指出哪个文件不同，并且不安装任何文件，除非加 --force。
# dockerd 只在启动时读取 TLS 文件，所以每个阶段最后都要重启它；/etc/docker/daemon.json
# 中的 "live-restore": true 让容器在重启期间继续运行：没有它，阶段会拒绝运行，
# 除非加 --live-restore 把它加上（之后先重新加载 dockerd，再重启）。
# 如果主机装有到期检查（install.sh --expiry-check），每个阶段还会把它安装的证书的记录写入
# /etc/dockcert/certificates.tsv，并运行一次检查。
# --root DIR 安装到 DIR 下而不是 /（用于试运行）。"#
        }
        ClientHelp => {
            r#"install.sh：按阶段为客户端“@NAME@”安装轮换 CA 所需的文件。
# 由 dockcert @VERSION@（dockcert rotate）生成。请以运行 docker 的用户身份运行：
#
#     ./install.sh --phase 1|2|3 [--dir DIR] [--force]
#
# 第 1 阶段把 ca-both.pem（旧 CA 与新 CA）安装为 @CERT_DIR@（或 --dir DIR）中的 ca.pem；
# 第 2 阶段安装新的 cert.pem 和 key.pem；第 3 阶段安装 ca.pem（只有新 CA）。
# 每个阶段还会更新 docker-context.sh 创建的 docker 上下文，因为 docker 保存着这些文件的副本。
# 每台主机和每个客户端都完成一个阶段后，才能开始下一个阶段。
# 只有当已安装的文件正是上一阶段（或本次轮换所替换的证书包）安装的文件时（按 SHA-256 比较），
# 这一阶段才会替换它；否则会指出哪个文件不同，并且不安装任何文件，除非加 --force。"#
        }
        PhaseNeeded => r#"install.sh：请指定要安装的阶段：--phase 1、--phase 2 或 --phase 3"#,
        UnknownHostOption => {
            r#"install.sh：未知选项“${1}”（可用：--phase N、--live-restore、--force、--root DIR）"#
        }
        UnknownClientOption => {
            r#"install.sh：未知选项“${1}”（可用：--phase N、--dir DIR、--force）"#
        }
        DaemonJsonIsLink => {
            r#"install.sh：${DAEMON_JSON} 是符号链接；请把文件本身放在那里，再运行这一阶段"#
        }
        NeedsLiveRestore => {
            r#"install.sh：${DAEMON_JSON} 没有设置 \"live-restore\": true，这一阶段所需的重启会停止所有容器。请加 --live-restore 再运行一次，把它加上（之后先重新加载 dockerd，再重启）"#
        }
        ReplacingOther => r#"正在替换  ${st_dest}（--force）：它不是这一阶段预期的文件"#,
        NotInstalled => {
            r#"install.sh：${st_dest} 不存在：本次轮换替换的是已安装的文件；请检查目录（--root、--dir），或加 --force 直接安装"#
        }
        FileDiffers => {
            r#"install.sh：${st_dest} 与上一阶段或本次轮换所替换的证书包安装的文件不同（它的 SHA-256 是 ${st_now}）；有人改过它：请先查看，再加 --force 运行以替换它"#
        }
        PhaseNotDoneForced => r#"注意：${nd_dest} 不是第 ${nd_phase} 阶段安装的文件（--force）"#,
        PhaseNotDone => {
            r#"install.sh：${nd_dest} 不是第 ${nd_phase} 阶段安装的文件：请先在这台机器上完成第 ${nd_phase} 阶段"#
        }
        LiveRestoreAdded => {
            r#"已在 ${DAEMON_JSON} 中加入 \"live-restore\": true。正在运行的 dockerd 启动时没有它，现在重启会停止所有容器：请先重新加载（重新加载会开启 live-restore），确认它显示 true，再重启。"#
        }
        HostPhaseDone => {
            r#"第 ${PHASE} 阶段已在这台主机上就位。dockerd 只在启动时读取 TLS 文件：请重新加载它，确认 live-restore 已开启，再重启它（容器会继续运行）："#
        }
        WithoutSystemd => {
            r#"没有 systemd 时：kill -HUP \$(pidof dockerd)，然后按这台主机启动 dockerd 的方式重启它。"#
        }
        NextPhase => {
            r#"只有当每台主机和每个客户端都完成第 ${PHASE} 阶段后，才能开始第 $((PHASE + 1)) 阶段。"#
        }
        LastPhaseDone => r#"这台主机现在只信任新 CA：仍持有旧 CA 证书的客户端会被拒绝。"#,
        ContextUpdated => r#"已更新    docker 上下文 ${1}"#,
        ClientPhaseDone => {
            r#"这个客户端的第 ${PHASE} 阶段已就位。只有当每台主机和每个客户端都完成第 ${PHASE} 阶段后，才能开始第 $((PHASE + 1)) 阶段。"#
        }
        ClientLastPhaseDone => r#"这个客户端现在只信任新 CA：仍使用旧 CA 证书的主机会被拒绝。"#,
        CheckRanClean => r#"到期检查（${CHECK}）已对现在安装的证书运行：没有证书在 30 天内到期。"#,
        CheckRanWarned => {
            r#"到期检查（${CHECK}）已对现在安装的证书运行，退出状态为 ${check_status}：有证书在 30 天内到期、已经到期或无法读取；它的消息在日志中（journalctl -t dockcert）。这一阶段仍已就位：旧 CA 即将到期正是轮换的原因，第 3 阶段会把它从 ca.pem 中去掉。"#
        }
    }
}
