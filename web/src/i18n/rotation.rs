//! The words of the Existing CA's Rotate step and of its result (glossary:
//! shared/UI.md: 轮换 CA, 阶段, 同时信任新旧 CA, 移除). The phases' own
//! summary is the core's (`rotate::PhaseSummary`), as the CLI says it.

use dockcert_core::rotate::RotateInput;
use dockcert_core::Lang;

/// A piece of the Rotate step's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rot {
    /// The task's switch label.
    Task,
    /// The action button.
    Button,
    /// The current bundle's field (its label is the core's, which its
    /// refusals name).
    Bundle,
    /// Under it.
    BundleHint,
    /// Once read: how many hosts and clients.
    Found,
    /// The list of hosts and clients to drop (the core's label).
    Drop,
    /// Under it.
    DropHint,
    /// The new CA key's passphrase.
    NewPassphrase,
    /// Why the button waits: no bundle yet.
    NeedBundle,
    /// Why the button waits: no new passphrase yet.
    NeedNewPassphrase,
    /// Ready.
    Ready,
    /// What the zip holds.
    ZipHolds,
    /// Before anything: what to give.
    Empty,
    /// The result's title over the dropped names.
    Dropped,
    /// None dropped.
    NoneDropped,
    /// The revocation window.
    Window,
    /// Where a host runs a phase.
    OnHosts,
    /// Where a client runs it.
    OnClients,
    /// The guide: copy the folders.
    CopyFolders,
    /// The guide's closing note.
    InOrder,
    /// Why issue and renew wait: the CA has expired; Rotate is left.
    CaExpired,
    /// Under an expired CA's refusal to sign: Rotate is what is left.
    ExpiredRotate,
    /// Before the warning `dockcert rotate` gives of an expired old CA.
    Warning,
}

impl Rot {
    /// The text in `lang`.
    pub fn tr(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Rot::Task => ("Rotate the CA", "轮换 CA"),
            Rot::Button => ("Rotate", "轮换"),
            Rot::Bundle => return RotateInput::From.label(lang),
            Rot::BundleHint => (
                "The zip New CA or Issue made with this CA (or dockcert new or issue). Every host and client in it gets a new key and certificate under a new CA, installed in three phases that keep every connection working.",
                "用这个 CA 通过“新建 CA”或“签发”生成的 zip（或 dockcert new、issue 生成的）。其中每台主机和每个客户端都会得到新 CA 签发的新私钥和新证书，分三个阶段安装，期间所有连接保持可用。",
            ),
            Rot::Found => ("Found in it:", "其中包含："),
            Rot::Drop => return RotateInput::Drop.label(lang),
            Rot::DropHint => (
                "Tick a host or client to leave it out of the new CA: after phase 3 its certificate is refused. It is the only revocation dockerd has.",
                "勾选的主机或客户端不会得到新 CA 的证书：第 3 阶段之后它的证书会被拒绝。这是 dockerd 唯一的撤销手段。",
            ),
            Rot::NewPassphrase => ("New CA key passphrase", "新 CA 私钥口令"),
            Rot::NeedBundle => ("choose the current bundle's zip.", "请选择当前证书包的 zip。"),
            Rot::NeedNewPassphrase => (
                "type the new CA key's passphrase twice, or choose to leave it unencrypted.",
                "请输入两次新 CA 私钥口令，或选择不加密。",
            ),
            Rot::Ready => ("Ready: press Rotate.", "已就绪：请点击“轮换”。"),
            Rot::ZipHolds => (
                "The zip holds the new CA and its key, never the old CA's key.",
                "zip 中包含新 CA 及其私钥，绝不包含旧 CA 的私钥。",
            ),
            Rot::Empty => (
                "Choose your CA's certificate and key, then the zip of its current bundle: a new CA is made for its hosts and clients, with the three phases to install it.",
                "选择你的 CA 证书和私钥，再选择它当前证书包的 zip：将为其中的主机和客户端生成新 CA，并给出安装它的三个阶段。",
            ),
            Rot::Dropped => ("Dropped", "移除"),
            Rot::NoneDropped => ("No host or client was dropped.", "没有移除任何主机或客户端。"),
            Rot::Window => (
                "dockerd accepts a dropped client's certificate until phase 3 is done on every host: run the phases without delay.",
                "在每台主机完成第 3 阶段之前，dockerd 仍然接受被移除客户端的证书：请尽快完成各个阶段。",
            ),
            Rot::OnHosts => (
                "On every host, as root, in its folder server/NAME/:",
                "在每台主机上，以 root 身份，在它的目录 server/NAME/ 中：",
            ),
            Rot::OnClients => (
                "On every client, in its folder client/NAME/:",
                "在每个客户端上，在它的目录 client/NAME/ 中：",
            ),
            Rot::CopyFolders => (
                "Copy each host's folder server/NAME/ to that host, each client's folder client/NAME/ to that client's machine:",
                "把每台主机的目录 server/NAME/ 复制到该主机，把每个客户端的目录 client/NAME/ 复制到该客户端所在的机器：",
            ),
            Rot::InOrder => (
                "Every host and client finishes a phase before any starts the next. README.txt says each step, live-restore and its limits.",
                "每台主机和每个客户端都完成一个阶段后，才能开始下一个阶段。每一步、live-restore 及其限制见 README.txt。",
            ),
            Rot::CaExpired => (
                "the CA has expired, so it signs nothing more: choose Rotate the CA to move its bundle to a new CA.",
                "该 CA 已过期，不能再签发任何证书：请选择“轮换 CA”，把它的证书包轮换到新的 CA。",
            ),
            Rot::ExpiredRotate => (
                "An expired CA can still be rotated away from: choose Rotate the CA.",
                "已过期的 CA 仍可以轮换：请选择“轮换 CA”。",
            ),
            Rot::Warning => ("Warning: ", "警告："),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// "Phase 2" in `lang`.
pub fn phase_title(n: u8, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Phase {n}"),
        Lang::Zh => format!("第 {n} 阶段"),
    }
}

/// "2 hosts, 1 client" in `lang`.
pub fn members(hosts: usize, clients: usize, lang: Lang) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    match lang {
        Lang::En => format!("{hosts} host{}, {clients} client{}", s(hosts), s(clients)),
        Lang::Zh => format!("{hosts} 台主机，{clients} 个客户端"),
    }
}
