//! What a rotation bundle's Ansible playbook (`ansible/rotate.yml`) says
//! when it refuses a host, in English and Chinese: each message stands in
//! `templates/ansible-rotate.yml` as `@play:Name@`, inside a YAML folded
//! block that Ansible templates (so `{{ ... }}` is a variable of the play);
//! `%FILE%`, `%N%` and `%SHA%` are filled in by the play's own loop.

use crate::lang::Lang;

/// A refusal of the rotation playbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlayMessage {
    /// No phase tag and no `dockcert_phase`, or not 1, 2 or 3.
    PhaseNeeded,
    /// `--tags` names more than one phase.
    TwoPhaseTags,
    /// `--tags phaseN` and `dockcert_phase` name different phases.
    PhaseDisagrees,
    /// daemon.json is a symbolic link.
    DaemonJsonIsLink,
    /// A file (%FILE%) is not what phase %N% installs.
    PhaseNotDone,
    /// A file (%FILE%) the phase replaces is not there.
    NotInstalled,
    /// A file (%FILE%, SHA-256 %SHA%) is neither what the phase before
    /// installed nor what this one installs.
    FileDiffers,
    /// daemon.json lacks "live-restore", and no `dockcert_live_restore`.
    NeedsLiveRestore,
    /// daemon.json sets "live-restore" to another value, not forced.
    LiveRestoreConflict,
    /// After a reload, docker info does not say live-restore is on.
    LiveRestoreOff,
    /// The host did not answer the TLS check.
    NoAnswer,
}

impl PlayMessage {
    /// Every message.
    pub(crate) const ALL: [PlayMessage; 11] = [
        PlayMessage::PhaseNeeded,
        PlayMessage::TwoPhaseTags,
        PlayMessage::PhaseDisagrees,
        PlayMessage::DaemonJsonIsLink,
        PlayMessage::PhaseNotDone,
        PlayMessage::NotInstalled,
        PlayMessage::FileDiffers,
        PlayMessage::NeedsLiveRestore,
        PlayMessage::LiveRestoreConflict,
        PlayMessage::LiveRestoreOff,
        PlayMessage::NoAnswer,
    ];

    /// The placeholder it stands as in the template.
    pub(crate) fn placeholder(self) -> String {
        format!("@play:{self:?}@")
    }

    /// Its words in `lang`.
    pub(crate) fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => en(self),
            Lang::Zh => zh(self),
        }
    }
}

fn en(message: PlayMessage) -> &'static str {
    use PlayMessage::*;
    match message {
        PhaseNeeded => {
            "rotate.yml: say which phase to run: --tags phase1, phase2 or phase3, or -e dockcert_phase=1, 2 or 3 (got --tags {{ ansible_run_tags | join(',') }} and dockcert_phase '{{ dockcert_given }}')."
        }
        TwoPhaseTags => {
            "rotate.yml: one phase at a time: --tags phase1, phase2 or phase3, not several (got --tags {{ ansible_run_tags | join(',') }}); every host and every client finishes a phase before any starts the next."
        }
        PhaseDisagrees => {
            "rotate.yml: --tags phase{{ dockcert_tagged | join(',') }} and -e dockcert_phase={{ dockcert_given }} name different phases; give the phase once."
        }
        DaemonJsonIsLink => {
            "{{ dockcert_daemon_json_path }} is a symbolic link; put the file itself there, then run this phase again."
        }
        PhaseNotDone => {
            "%FILE% is not what phase %N% installs: finish phase %N% on this host first (every host and every client finishes a phase before any starts the next);"
        }
        NotInstalled => {
            "%FILE% is not there: this rotation replaces files that are installed; check dockcert_install_dir, or install it anyway with dockcert_force=true;"
        }
        FileDiffers => {
            "%FILE% differs from what the phase before, or the bundle this rotation replaces, installed there (its SHA-256 is %SHA%); someone changed it: look at it, then run again with dockcert_force=true to replace it;"
        }
        NeedsLiveRestore => {
            "{{ dockcert_daemon_json_path }} does not set \"live-restore\": true, so the restart this phase needs would stop every container; run again with dockcert_live_restore=true to add it;"
        }
        LiveRestoreConflict => {
            "{{ dockcert_daemon_json_path }} sets \"live-restore\" to {{ dockcert_daemon_host['live-restore'] | to_json }}; run again with dockcert_force=true to set it to true;"
        }
        LiveRestoreOff => {
            "dockerd on {{ inventory_hostname }} does not say live-restore is on, even after a reload (docker info: '{{ dockcert_live_now.stdout | default(dockcert_live_before.stdout) | trim }}' {{ dockcert_live_now.stderr | default(dockcert_live_before.stderr) }}), so restarting it would stop every container; it was not restarted."
        }
        NoAnswer => {
            "{{ inventory_hostname }} did not answer {{ dockcert_check_url }} over TLS with the certificate of {{ dockcert_client }} within {{ dockcert_check_seconds | default(60) }} seconds ({{ dockcert_answer.msg | default('') }}). The next batch does not start: look at this host now, since current clients may be refused by it."
        }
    }
}

fn zh(message: PlayMessage) -> &'static str {
    use PlayMessage::*;
    match message {
        PhaseNeeded => {
            "rotate.yml：请指定要运行的阶段：--tags phase1、phase2 或 phase3，或 -e dockcert_phase=1、2 或 3（收到的是 --tags {{ ansible_run_tags | join(',') }} 和 dockcert_phase“{{ dockcert_given }}”）。"
        }
        TwoPhaseTags => {
            "rotate.yml：一次只能运行一个阶段：--tags phase1、phase2 或 phase3 只能给一个（收到的是 --tags {{ ansible_run_tags | join(',') }}）；每台主机和每个客户端都完成一个阶段后，才能有任何一方开始下一阶段。"
        }
        PhaseDisagrees => {
            "rotate.yml：--tags phase{{ dockcert_tagged | join(',') }} 和 -e dockcert_phase={{ dockcert_given }} 指定的阶段不同；阶段只需给一次。"
        }
        DaemonJsonIsLink => {
            "{{ dockcert_daemon_json_path }} 是符号链接；请把文件本身放在那里，再运行这一阶段。"
        }
        PhaseNotDone => {
            "%FILE% 不是第 %N% 阶段安装的文件：请先在这台主机上完成第 %N% 阶段（每台主机和每个客户端都完成一个阶段后，才能有任何一方开始下一阶段）；"
        }
        NotInstalled => {
            "%FILE% 不存在：本次轮换替换的是已安装的文件；请检查 dockcert_install_dir，或设置 dockcert_force=true 直接安装；"
        }
        FileDiffers => {
            "%FILE% 与上一阶段或本次轮换所替换的证书包安装的文件不同（它的 SHA-256 是 %SHA%）；有人改过它：请先查看，再设置 dockcert_force=true 运行以替换它；"
        }
        NeedsLiveRestore => {
            "{{ dockcert_daemon_json_path }} 没有设置 \"live-restore\": true，这一阶段所需的重启会停止所有容器；请设置 dockcert_live_restore=true 再运行一次，把它加上；"
        }
        LiveRestoreConflict => {
            "{{ dockcert_daemon_json_path }} 把 \"live-restore\" 设置为 {{ dockcert_daemon_host['live-restore'] | to_json }}；请设置 dockcert_force=true 再运行一次，把它设为 true；"
        }
        LiveRestoreOff => {
            "{{ inventory_hostname }} 上的 dockerd 在重新加载后仍未显示 live-restore 已开启（docker info：“{{ dockcert_live_now.stdout | default(dockcert_live_before.stdout) | trim }}” {{ dockcert_live_now.stderr | default(dockcert_live_before.stderr) }}），重启它会停止所有容器；没有重启它。"
        }
        NoAnswer => {
            "{{ inventory_hostname }} 在 {{ dockcert_check_seconds | default(60) }} 秒内没有通过 TLS 用 {{ dockcert_client }} 的证书应答 {{ dockcert_check_url }}（{{ dockcert_answer.msg | default('') }}）。下一批不会开始：请立即检查这台主机，当前的客户端可能被它拒绝。"
        }
    }
}

/// inventory.yml's opening comment in a rotation bundle, made by dockcert
/// `version`.
pub(crate) fn inventory_head(lang: Lang, version: &str) -> String {
    match lang {
        Lang::En => format!(
            "# inventory.yml: the Docker hosts of this CA rotation, for rotate.yml. Made by\n\
             # dockcert {version}. ansible_host is the first name or address in the host's\n\
             # certificate: change it where Ansible reaches the host another way (by SSH\n\
             # through another name, say). dockcert_check_url is what the TLS check asks\n\
             # after each host's phase, with the certificate of dockcert_check_client (a\n\
             # client folder of this bundle; empty: no check). dockcert_sha256 holds each\n\
             # file as the bundle this rotation replaces installed it (empty: not checked)\n\
             # and as each phase installs it.\n"
        ),
        Lang::Zh => format!(
            "# inventory.yml：本次 CA 轮换的 Docker 主机，供 rotate.yml 使用。由 dockcert {version}\n\
             # 生成。ansible_host 是主机证书中的第一个名称或地址：如果 Ansible 通过其他方式\n\
             # 连接该主机（例如通过另一个名称 SSH 登录），请修改它。dockcert_check_url 是每台\n\
             # 主机完成阶段后 TLS 检查所访问的地址，使用 dockcert_check_client（本证书包中的\n\
             # 一个客户端目录；为空则不检查）的证书。dockcert_sha256 记录每个文件在被本次轮换\n\
             # 替换的证书包中安装时的样子（为空则不检查）以及每个阶段安装后的样子。\n"
        ),
    }
}
