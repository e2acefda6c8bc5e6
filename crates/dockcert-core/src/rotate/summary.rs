//! The three phases as both faces sum them up once a rotation bundle is
//! made: the CLI's closing summary and the page's next steps say the same
//! words, and README.txt says each step in full.

use crate::lang::{Lang, Localized};

/// One of a rotation's three phases, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotationPhase {
    /// 1: every host and client trusts the old CA and the new.
    TrustBoth,
    /// 2: each installs its new certificate and key.
    Switch,
    /// 3: `ca.pem` becomes the new CA alone.
    DropOld,
}

impl RotationPhase {
    /// The three, in order.
    pub const ALL: [RotationPhase; 3] = [
        RotationPhase::TrustBoth,
        RotationPhase::Switch,
        RotationPhase::DropOld,
    ];

    /// Its number, as `install.sh --phase N` takes it.
    pub fn number(self) -> u8 {
        match self {
            RotationPhase::TrustBoth => 1,
            RotationPhase::Switch => 2,
            RotationPhase::DropOld => 3,
        }
    }

    /// What a host runs for it, as root in its folder `server/NAME/`, as
    /// README.txt writes it: dockerd reads its TLS files only when it
    /// starts, and keeps its containers through the restart only once a
    /// reload has taken live-restore.
    pub fn host_commands(self) -> String {
        format!(
            "sudo ./install.sh --phase {}\n\
             systemctl reload docker\n\
             docker info --format '{{{{.LiveRestoreEnabled}}}}'\n\
             systemctl restart docker",
            self.number()
        )
    }

    /// What a client runs for it, in its folder `client/NAME/`.
    pub fn client_command(self) -> String {
        format!("./install.sh --phase {}", self.number())
    }
}

/// The summary of the three phases: a heading, then each phase in a line
/// or two (a line after the first goes on with the same phase).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseSummary<'a> {
    /// What the bundle is for and where the steps are said in full.
    Heading,
    /// One phase, the bundle's folders under `prefix` (its top folder and
    /// a slash, or nothing).
    Phase(RotationPhase, &'a str),
}

impl Localized for PhaseSummary<'_> {
    fn text(&self, lang: Lang) -> String {
        use RotationPhase as P;
        match (self, lang) {
            (PhaseSummary::Heading, Lang::En) => {
                "A CA rotation in three phases, run in order (README.txt says each step):".into()
            }
            (PhaseSummary::Heading, Lang::Zh) => {
                "分三个阶段轮换 CA，按顺序进行（每一步见 README.txt）：".into()
            }
            (PhaseSummary::Phase(P::TrustBoth, prefix), Lang::En) => format!(
                "trust both: on every host ({prefix}server/NAME/) and client ({prefix}client/NAME/): ./install.sh --phase 1;\n\
                 on a host then: systemctl reload docker, check docker info says live-restore true, systemctl restart docker"
            ),
            (PhaseSummary::Phase(P::TrustBoth, prefix), Lang::Zh) => format!(
                "同时信任新旧 CA：在每台主机（{prefix}server/NAME/）和每个客户端（{prefix}client/NAME/）上运行 ./install.sh --phase 1；\n\
                 主机上接着运行：systemctl reload docker，确认 docker info 显示 live-restore 为 true，再 systemctl restart docker"
            ),
            (PhaseSummary::Phase(P::Switch, _), Lang::En) => {
                "switch: only when all have finished phase 1: ./install.sh --phase 2 (hosts reload and restart again)".into()
            }
            (PhaseSummary::Phase(P::Switch, _), Lang::Zh) => {
                "切换：全部完成第 1 阶段后才开始：./install.sh --phase 2（主机再次重新加载并重启）".into()
            }
            (PhaseSummary::Phase(P::DropOld, _), Lang::En) => {
                "drop the old CA: only when all have finished phase 2: ./install.sh --phase 3 (hosts reload and restart again);\n\
                 from then on old-CA and dropped certificates are refused"
                    .into()
            }
            (PhaseSummary::Phase(P::DropOld, _), Lang::Zh) => {
                "停用旧 CA：全部完成第 2 阶段后才开始：./install.sh --phase 3（主机再次重新加载并重启）；\n\
                 此后旧 CA 的证书和被移除的证书都会被拒绝"
                    .into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phase_is_said_in_both_languages_with_its_number() {
        for phase in RotationPhase::ALL {
            let n = phase.number();
            let said = PhaseSummary::Phase(phase, "top/");
            assert_ne!(said.text(Lang::En), said.text(Lang::Zh));
            for lang in [Lang::En, Lang::Zh] {
                assert!(
                    said.text(lang)
                        .contains(&format!("./install.sh --phase {n}")),
                    "{phase:?} {lang:?}"
                );
            }
            assert!(phase
                .host_commands()
                .starts_with(&format!("sudo ./install.sh --phase {n}\n")));
            assert_eq!(phase.client_command(), format!("./install.sh --phase {n}"));
        }
        // The glossary's words (shared/UI.md).
        assert!(PhaseSummary::Phase(RotationPhase::TrustBoth, "")
            .text(Lang::Zh)
            .starts_with("同时信任新旧 CA"));
        assert!(PhaseSummary::Heading.text(Lang::Zh).contains("轮换 CA"));
    }
}
