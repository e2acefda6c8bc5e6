//! The CLI's problems in Chinese (the glossary is shared/UI.md). Flags,
//! paths, commands and the operating system's own reasons stay as they are.

use dockcert_core::pki::{PkiError, MAX_PASSPHRASE_LEN};
use dockcert_core::plan::KeySlot;
use dockcert_core::{Lang, Localized};

use super::{FileRole, OutProblem, Problem, Reason, WriteStep};
use crate::read::size_text;

/// `problem` in Chinese.
pub(super) fn text(problem: &Problem) -> String {
    use Problem as P;
    let zh = |e: &dyn Localized| e.text(Lang::Zh);
    match problem {
        P::Unreadable { named, why } => format!("{}：无法读取：{}", zh(named), os(why)),
        P::TooLarge { named, role, limit } => format!("{}：{}", zh(named), too_large(*role, *limit)),
        P::Folder { named, role } => format!("{}：这是一个目录；请给出{}", zh(named), folder(*role)),
        P::FleetNotUtf8(named) => format!("{}：不是 UTF-8 文本（TOML 文件必须是 UTF-8）", zh(named)),
        P::PassphraseFileEmpty(named) => {
            format!("{}：文件是空的；请把口令写在它的第一行", zh(named))
        }
        P::PassphraseLineEmpty(named) => format!("{}：第一行的口令是空的", zh(named)),
        P::VariableUnset(named) => format!("{}：没有设置这个环境变量", zh(named)),
        P::VariableEmpty(named) => format!("{}：这个环境变量是空的", zh(named)),
        P::Passphrase {
            named,
            problem,
            first_line,
        } => {
            let on = if *first_line { "（在第一行）" } else { "" };
            format!("{}：{}{on}", zh(named), zh(problem))
        }
        P::NoTerminalForNewKey(flags) => format!("CA 私钥需要口令：请用 {} FILE 或 {} VAR 给出口令，或用 {} 不加密（没有可以询问口令的终端）", flags.file(), flags.env(), flags.none()),
        P::NoTerminalForKey(key) => format!("{}：私钥已加密：请用 --passphrase-file FILE 或 --passphrase-env VAR 给出它的口令（没有可以询问口令的终端）", zh(key)),
        P::TerminalUnreadable(why) => format!("无法从终端读取口令：{}", os(why)),
        P::Typed(problem @ PkiError::PassphrasesDiffer) => {
            format!("口令：{}；没有写入任何文件", zh(problem))
        }
        P::Typed(problem) => format!("口令：{}", zh(problem)),
        P::Out { path, why } => format!("--out {path:?}：{}", out(why)),
        P::RotateWithDind => "--layout dind：CA 轮换证书包按阶段组织（server/NAME/ 和 client/NAME/，各带 install.sh --phase 1、2、3），dind 目录结构中没有它们的位置；请去掉 --layout（dind 环境请用 dockcert new --layout dind 重新生成证书包）".to_owned(),
        P::AnsibleWithDind => "--ansible 与 --layout dind 不能同时使用：playbook 安装的是标准目录结构中的主机目录，而 dind 目录结构中没有这些目录；请二选一".to_owned(),
        P::Random(why) => format!("操作系统的随机数生成器出错：{why}"),
        P::KeyThread => "生成密钥的线程出错".to_owned(),
        P::KeyMissing => "有一个私钥没有生成".to_owned(),
        P::Key { slot, why } => format!("{}：{}", slot_text(slot), zh(why)),
        P::StartWriting(why) => format!("无法开始写入：{}", os(why)),
        P::WriterStopped => "写入线程意外停止".to_owned(),
        P::AlreadyWritten => "证书包已经写入过了".to_owned(),
        P::Write { step, path, why } => {
            let why = match why {
                Reason::Os(why) => os(why),
                Reason::Bundle(e) => zh(e),
            };
            match step {
                WriteStep::Write => format!("无法写入 {path}：{why}"),
                WriteStep::WriteFolder => format!("无法写入目录 {path}：{why}"),
                WriteStep::Replace => format!("无法替换 {path}：{why}"),
                WriteStep::TidyUp => format!("写入 {path} 后无法清理临时文件：{why}"),
            }
        }
        P::NoManifest => "证书包中没有可读的 manifest.json".to_owned(),
        P::Json(why) => format!("无法生成 JSON：{why}"),
        P::ManPage(why) => format!("无法写出手册页：{why}"),
        P::Stdout(why) => format!("无法写入标准输出：{why}"),
        P::NothingChecked { path, zh, .. } => format!("{path:?}：{zh}"),
        P::NoDaemon => "请以 tcp://HOST:PORT 的形式给出要探测的守护进程（或设置 DOCKER_HOST，或使用 --context）".to_owned(),
        P::BadDaemon(named) => format!("{}：应为 tcp://HOST:PORT（DNS 名称、IPv4 地址或 [IPv6 地址]，加上端口）", zh(named)),
        P::KeyNotPem(named) => format!("{}：不是未加密的 PEM 私钥（docker 也无法读取加密的私钥）", zh(named)),
        P::NotServed { daemon, met } => format!("{daemon}：没有得到它的证书：{}", met.text(Lang::Zh)),
        P::NoCertificate(named) => format!("{}：其中没有证书（PEM 或 DER）", zh(named)),
        P::NoServerCertificate(named) => format!("{}：其中没有可供比较的服务器证书（server-cert.pem、其 daemon.json 的 tlscert 指定的文件或 cert.pem）", zh(named)),
        P::NoContext { named, meta } => {
            format!("{}：没有这个 docker 上下文（无法读取 {meta}）", zh(named))
        }
    }
}

fn too_large(role: FileRole, limit: u64) -> String {
    let size = size_text(limit);
    match role {
        FileRole::Fleet => format!("文件大于 dockcert 读取清单文件的上限 {size}"),
        FileRole::Unit => format!("文件大于 systemd 单元文件在此允许的上限 {size}"),
        FileRole::ClientFile => format!("文件大于客户端文件允许的上限 {size}"),
        FileRole::PassphraseFile => {
            format!("第一行长于口令允许的上限 {MAX_PASSPHRASE_LEN} 字节")
        }
    }
}

fn folder(role: FileRole) -> &'static str {
    match role {
        FileRole::Fleet => "清单文件",
        FileRole::Unit => "单元文件",
        FileRole::ClientFile => "文件",
        FileRole::PassphraseFile => "存放口令的文件",
    }
}

fn out(why: &OutProblem) -> String {
    match why {
        OutProblem::NoName => "必须以文件名或目录名（UTF-8）结尾，例如 docker-tls.zip".to_owned(),
        OutProblem::ParentNotFolder(parent) => format!("{parent:?} 不是目录"),
        OutProblem::ParentMissing(parent) => format!("目录 {parent:?} 不存在；请先创建它"),
        OutProblem::TopFolder(e) => e.text(Lang::Zh),
        OutProblem::ZipIsFolder => "这是一个目录；请给出一个新的 .zip 文件名".to_owned(),
        OutProblem::Exists => "已经存在；加上 --force 可以替换它".to_owned(),
        OutProblem::NothingBeforeZip => ".zip 前面需要有名称，例如 docker-tls.zip".to_owned(),
        OutProblem::ExistsNotFolder => {
            "已经存在且不是目录；请给出一个新的目录名，或以 .zip 结尾的文件名".to_owned()
        }
        OutProblem::NotEmpty => "这是一个非空目录；dockcert 只写入新的或空的目录".to_owned(),
    }
}

fn slot_text(slot: &KeySlot) -> String {
    match slot {
        KeySlot::Ca => "CA 私钥".to_owned(),
        KeySlot::Server(name) => format!("主机 {name} 的服务器私钥"),
        KeySlot::Client(name) => format!("客户端 {name} 的私钥"),
    }
}

/// The system's reason, in Chinese where it is a common one.
fn os(why: &str) -> String {
    dockcert_core::os_reason(why, dockcert_core::Lang::Zh)
}
