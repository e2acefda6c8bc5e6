//! The words of "What to do with the zip": the README's quick start in a few
//! numbered steps, for the page (commands stay as they are in both languages).

use dockcert_core::Lang;

/// A piece of the zip guide's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guide {
    /// The disclosure's title.
    Title,
    /// Step 1: unzip on this machine.
    Unzip,
    /// Step 2: each host's folder to that host.
    CopyHost,
    /// Step 3: install, restart (live-restore), the firewall's port.
    Install,
    /// Step 4: the client's check over TLS.
    Check,
    /// Where the exact commands are.
    ExactCommands,
}

impl Guide {
    /// The text in `lang`.
    pub fn tr(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Guide::Title => ("What to do with the zip", "拿到 zip 之后怎么做"),
            Guide::Unzip => (
                "Unzip it on this machine (unzip gives each file its mode back):",
                "在本机解压（unzip 会恢复每个文件的权限）：",
            ),
            Guide::CopyHost => (
                "Copy each host's folder to that host:",
                "把每台主机的目录复制到该主机上：",
            ),
            Guide::Install => (
                "On the host, in that folder: install, then restart dockerd. The restart stops running containers unless daemon.json has \"live-restore\": true; the host's firewall must let the TCP port (2376 unless you chose another) through.",
                "在主机上进入该目录：安装，然后重启 dockerd。除非 daemon.json 设置了 \"live-restore\": true，重启会停止正在运行的容器；主机的防火墙必须放行该 TCP 端口（除非另选，否则为 2376）。",
            ),
            Guide::Check => (
                "On a client, in its folder client/NAME/: docker over TLS must show the server's version.",
                "在客户端上进入它的目录 client/NAME/：通过 TLS 运行 docker，必须显示服务器的版本。",
            ),
            Guide::ExactCommands => (
                "Each host's and client's exact commands are under Next steps once the bundle is made.",
                "生成证书包后，每台主机和每个客户端的具体命令见「后续步骤」。",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn each_step_is_said_in_both_languages() {
        for g in [
            Guide::Title,
            Guide::Unzip,
            Guide::CopyHost,
            Guide::Install,
            Guide::Check,
            Guide::ExactCommands,
        ] {
            assert_ne!(g.tr(Lang::En), g.tr(Lang::Zh), "{g:?}");
        }
        // The glossary's words (shared/UI.md).
        assert!(Guide::Install.tr(Lang::Zh).contains("主机"));
        assert!(Guide::Check.tr(Lang::Zh).contains("客户端"));
        assert!(Guide::ExactCommands.tr(Lang::Zh).contains("后续步骤"));
    }
}
