//! The next steps' notes in Simplified Chinese, in the page's words (the
//! glossary is shared/UI.md).

use super::note::StepNote;

/// `note` in Chinese.
pub(super) fn text(note: &StepNote) -> String {
    match note {
        StepNote::ExistingClients { cert_dir } => format!(
            "已持有此 CA 所签发证书的每个客户端，用它已有的文件即可访问本证书包中的主机：\
             它的 install.sh 已把 ca.pem、cert.pem 和 key.pem 放在 {cert_dir}（CLIENT 为\
             客户端名称；ls $HOME/.docker/dockcert/ 可列出它们）。在该客户端上，以运行 \
             docker 的用户身份运行（已有某台主机的 docker 上下文时，跳过该主机）："
        ),
        StepNote::ExistingClientsScript => "或者在早先证书包中该客户端的目录里，用 \
             docker-context.sh 创建同样的 docker 上下文，每个以它连接的地址命名："
            .to_owned(),
    }
}
