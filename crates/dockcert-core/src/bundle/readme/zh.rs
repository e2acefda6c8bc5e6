//! README.txt's prose in Simplified Chinese, in the page's words (the
//! glossary is shared/UI.md). Commands, paths, flags, file names and quoted
//! docker messages stay in English, as the operator types or searches them.

use super::prose::Prose;
use crate::docker;
use crate::lang::pad;

/// `piece` in Chinese.
pub(super) fn text(piece: &Prose<'_>) -> String {
    match *piece {
        Prose::Title => "dockcert 证书包：为 Docker 守护进程的远程 API 配置 TLS\n".to_owned(),
        Prose::MadeBy {
            version,
            created,
            key_type,
        } => format!("由 dockcert {version} 于 {created} 生成，密钥类型为 {key_type}。\n"),
        Prose::Ca { name, expires } => {
            format!("{}\"{name}\"，{expires} 到期\n", pad("证书颁发机构（CA）：", 20))
        }
        Prose::CaFingerprint { fingerprint } => format!("CA 指纹（SHA-256）：{fingerprint}\n"),
        Prose::LeavesExpire { expires, days } => {
            format!("主机和客户端证书于 {expires} 到期（有效期 {days} 天）。\n")
        }
        Prose::NoRevocation => "\n\
            dockerd 没有吊销列表：证书在到期之前一直有效。要在此之前停用某个客户端，\n\
            只能新建一个 CA，并为其他所有人重新生成证书。\n\
            请在上述日期之前及早续期。\n"
            .to_owned(),
        Prose::Warnings => "\n警告\n".to_owned(),
        Prose::WhatIsHere => "\n证书包中的文件\n".to_owned(),
        Prose::TableHead { width } => format!("  {}  权限  用途\n", pad("路径", width)),
        Prose::KeepCa => "\n\
            请把 ca/ 保存在本机或离线介质上。ca-key.pem 用于签发新证书，\n\
            绝不要放到 Docker 主机或客户端上。inventory.jsonl 是签发清单，列出此 CA\n\
            签发的每张证书；请把它和 ca-key.pem 放在一起：dockcert issue 和 renew\n\
            会追加到其中，dockcert expiry 会读取它。\n"
            .to_owned(),
        Prose::NoCaKey => "\n\
            ca/ 中只有 CA 证书，与主机和客户端上的相同：本证书包不含 CA 私钥，\n\
            其中没有任何文件能签发新证书。\n"
            .to_owned(),
        Prose::InventoryUpdated => "\n\
            ca/ 中有 CA 证书（与主机和客户端上的相同），但没有 CA 私钥：\n\
            本证书包中没有任何文件能签发新证书。ca/inventory.jsonl 是加入了\n\
            本证书包中证书的签发清单。CA 私钥旁的那份才是正式记录（dockcert issue\n\
            和 renew 会在那里追加）；如果是在页面上生成的，请把这一份放到那里，\n\
            替换原来的那份。\n"
            .to_owned(),
        Prose::OnEachHost => "\n在每台 Docker 主机上\n".to_owned(),
        Prose::Host { name, sans, listen } => {
            format!("\n  {name}  （访问名称和地址：{sans}；监听地址：{listen}）\n")
        }
        Prose::CopyServerFolder { name } => {
            format!("    把 server/{name}/ 复制到该主机，然后在该目录中运行：\n")
        }
        Prose::ServerInstall { dir } => format!(
            "    install.sh 把 ca.pem、server-cert.pem 和 server-key.pem 放到 {dir}\n    \
             （属主 root，文件权限 0444、0444、0400），把 systemd 附加配置放到\n    \
             {dropin}，并在 {daemon} 中加入\n    \
             tlsverify、tlscacert、tlscert、tlskey 和 hosts：该文件中主机的其他设置保持不变。\n    \
             它在写入任何内容之前先检查所有内容。只有加上 --force，它才会替换内容不同的\n    \
             已有文件、符号链接（替换链接本身：它从不通过链接写入），或主机设为其他值的\n    \
             dockcert 的 daemon.json 设置；旧文件保存为 NAME.dockcert-backup-TIME。\n    \
             组或其他用户可写的目录（/tmp 这类设置了粘滞位的目录除外），或属于其他用户的\n    \
             目录，它一概不写。\n",
            daemon = docker::DAEMON_JSON_PATH,
            dropin = docker::DROP_IN_PATH,
        ),
        Prose::WhyDropIn => format!(
            "\n  为什么需要 systemd 附加配置：默认的 docker.service 以 `dockerd -H fd://` 启动，\n  \
             而 hosts 同时以参数和在 daemon.json 中给出时，dockerd 会拒绝启动（\"the following\n  \
             directives are specified both as a flag and in the configuration file: hosts\"）。\n  \
             附加配置清空 ExecStart，以不带 -H 的方式启动 dockerd，使 daemon.json 中的 hosts\n  \
             （{} 和 tcp://LISTEN）生效。\n  \
             在没有 systemd 的主机上，同样的设置以参数形式提供，共三种：dockerd-flags.txt\n  \
             （纯参数，用于手动运行 dockerd）、default-docker（DOCKER_OPTS=\"...\"，用于\n  \
             /etc/default/docker：使用 sysvinit 或 upstart 初始化系统的较旧 Debian 和 Ubuntu\n  \
             主机）和 sysconfig-docker（OPTIONS=\"...\"，用于 /etc/sysconfig/docker：使用自带\n  \
             docker 软件包的 RHEL 和 CentOS 主机）。像 install.sh 那样放好 ca.pem、\n  \
             server-cert.pem 和 server-key.pem，然后用其中一种代替 daemon.json 和附加配置，\n  \
             切勿同时使用。\n",
            docker::UNIX_SOCKET
        ),
        Prose::OnEachClient => "\n在每个客户端上\n".to_owned(),
        Prose::Client { name } => format!(
            "\n  {name}\n    把 client/{name}/ 复制到该机器，然后以运行 docker 的用户身份在该目录中运行：\n"
        ),
        Prose::ClientInstall { dir } => format!(
            "    install.sh 把 ca.pem、cert.pem 和 key.pem 放到 {dir}（文件权限 0444、0444、\n    \
             0400）。也可以不用 docker 上下文，而在 shell 中加载 docker.env：\n      \
             . ./docker.env && docker version\n"
        ),
        Prose::ContextsCreated => "    docker-context.sh 创建的 docker 上下文：\n".to_owned(),
        Prose::ContextImport => "    \
            或者不用 install.sh，直接导入某台主机的 docker 上下文文件（docker 会保存这些\n    \
            文件的副本，只有你能读取）：\n"
            .to_owned(),
        Prose::ContextImportLine { context, file } => format!(
            "      docker context import {context} {file}   然后：docker --context {context} version\n"
        ),
        Prose::EtcHosts => "    \
            如果没有 DNS 服务器知道某台主机的名称，请以 root 身份把它的 hosts 文件条目加到\n    \
            客户端的 /etc/hosts 中；证书同时包含该名称和地址：\n"
            .to_owned(),
        Prose::CheckIt { client, url, https } => format!(
            "\n检查\n  在 client/{client}/ 中，无需安装任何东西：\n    \
             docker --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H {url} version\n  \
             没有证书的客户端必须被拒绝：\n    \
             curl --cacert ca.pem {https}/version     （会失败：主机要求提供证书）\n"
        ),
        Prose::ExistingClients => "\n在此 CA 已有的每个客户端上\n".to_owned(),
        Prose::WithAnsible => "\n使用 ANSIBLE\n  \
            主机清单 ansible/inventory.yml 列出每台主机（dockcert_hosts 组）、Ansible 访问\n  \
            它所用的地址及其在本证书包中的文件；playbook ansible/dockcert.yml 在每台主机上\n  \
            做它的 install.sh 所做的事（文件属主 root，文件权限 0444、0444、0400；把\n  \
            dockcert 的设置合并进 daemon.json，保留主机的其他设置；systemd 附加配置），\n  \
            并且只在有变化的主机上重启 docker。它还会像 install.sh --expiry-check 那样安装\n  \
            每天运行的到期检查，并在运行 systemd 的主机上启用它的定时器（其他主机上由它的\n  \
            cron 条目运行）。在本证书包的顶层目录中：\n    \
            ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml --check --diff\n    \
            ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml\n  \
            如果 dockerd 是 /usr/sbin/dockerd（Debian 和 Ubuntu 的 docker.io），请加上\n  \
            -e dockcert_dockerd=/usr/sbin/dockerd。-e dockcert_expiry_check=false 不安装\n  \
            到期检查；-e dockcert_textfile_dir=DIR 让它把指标（dockcert.prom）写到\n  \
            node_exporter 的 textfile 目录 DIR（不设置时：写到存在的\n  \
            /var/lib/prometheus/node-exporter 或 /var/lib/node_exporter/textfile_collector）。\n  \
            playbook 开头的注释列出了它的其他变量。\n"
            .to_owned(),
        Prose::WithPrometheus => "\n使用 PROMETHEUS\n  \
            prometheus/dockcert.rules.yml 在证书到期前告警：到期前 30 天起发出警告，7 天起\n  \
            以及已过期后为严重。它读取 `dockcert expiry --prometheus` 写出的指标\n  \
            dockcert_certificate_not_after_seconds（供 node_exporter 的 textfile 收集器读取）。\n  \
            把它复制到 prometheus.yml 旁边，在其中列出它，然后重新加载 Prometheus：\n    \
            rule_files:\n      \
            - dockcert.rules.yml\n"
            .to_owned(),
        Prose::Dind {
            cert_dir,
            port,
            name,
            url,
        } => format!(
            "\n请把 ca/ 保存在本机或离线介质上；certs/ 中从不包含 CA 私钥。\n\
             \n使用 DOCKER:DIND\n  \
             certs/ 是 dind（Docker-in-Docker）目录结构：docker:dind 镜像的入口脚本在\n  \
             DOCKER_TLS_CERTDIR（{cert_dir}）下读取的 ca/cert.pem、server/{{ca,cert,key}}.pem\n  \
             和 client/{{ca,cert,key}}.pem。那里没有 ca/key.pem 时，入口脚本使用这些文件\n  \
             （先用 openssl verify 检查），而不是生成临时证书，并以 --tlsverify 在端口 {port}\n  \
             上启动 dockerd（无论 --listen 写的是什么）。\n\
             \n  使用 compose，在本目录中：\n    \
             docker compose up          （dind，以及一个运行 docker version 的客户端容器）\n\
             \n  手动运行：\n    \
             docker run -d --privileged --name dind -p {port}:{port} -e DOCKER_TLS_CERTDIR={cert_dir} \\\n      \
             -v \"$PWD/certs/ca:{cert_dir}/ca:ro\" -v \"$PWD/certs/server:{cert_dir}/server:ro\" docker:dind\n  \
             客户端以 {url} 访问它（证书 SAN 中的一个名称；如果没有 DNS 服务器知道\n  \
             {name}，请在 /etc/hosts 中为它添加条目）：\n    \
             DOCKER_HOST={url} DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=\"$PWD/certs/client\" docker version\n\
             \n  在 GitLab CI 中：gitlab-ci.yml 包含该任务，以及把 certs/ 挂载进任务的 runner 设置。\n"
        ),
    }
}
