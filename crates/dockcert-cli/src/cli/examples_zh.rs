//! The examples and exit statuses each subcommand's `--help` ends with, in
//! Chinese (the English are `examples.rs`); the commands stay as they are.

/// Each command's examples in Chinese, by the command's name.
pub(super) const EXAMPLES: [(&str, &str); 9] = [
    ("new", NEW),
    ("issue", ISSUE),
    ("renew", RENEW),
    ("rotate", ROTATE),
    ("inspect", INSPECT),
    ("expiry", EXPIRY),
    ("probe", PROBE),
    ("completions", COMPLETIONS),
    ("man", MAN),
];

const NEW: &str = "\
示例：
  一台通过名称和地址访问的主机、一个客户端，CA 私钥的口令放在文件中：
    dockcert new --server docker1.example.com,10.0.0.5 --client alice \\
                 --passphrase-file ca-pass.txt --out docker-tls.zip

  两台主机，RSA 密钥，输出为目录而不是 zip，口令在终端上询问：
    dockcert new --server docker1,192.168.1.10 --server docker2,192.168.1.11 \\
                 --key-type rsa-4096 --out ./docker-tls

  用一份审阅过的清单文件生成整个机群，并为一个网络生成防火墙规则：
    dockcert new --config fleet.toml --allow-from 10.0.0.0/24 \\
                 --passphrase-file ca-pass.txt --out fleet.zip

  公司的 PKI 策略要求每个主题都有组织、部门和国家：
    dockcert new --server docker1.example.com --subject-org 示例公司 \\
                 --subject-unit Ops --subject-country CN --out docker-tls.zip

退出状态：0 证书包已写入；1 无法生成或写入；
2 输入被拒绝（消息会指出是哪个参数，以及允许的值）。";

const ISSUE: &str = "\
示例：
  用之前证书包中的 CA 签发一台新主机和一个新客户端：
    dockcert issue --ca-cert docker-tls/ca/ca.pem --ca-key docker-tls/ca/ca-key.pem \\
                   --passphrase-file ca-pass.txt \\
                   --server docker3.example.com,10.0.0.7 --client bob --out more.zip

  用 openssl 生成的 CA 签发（openssl 写出的任何私钥格式均可）：
    dockcert issue --ca-cert ca.pem --ca-key ca-key.pem --server docker1,10.0.0.5 --out d1.zip

退出状态：0 已写入；1 无法生成或写入；2 输入被拒绝。";

const RENEW: &str = "\
示例：
  在主机证书到期前续期（名称和用途不变，私钥是新的）：
    dockcert renew docker-tls/server/docker1/server-cert.pem \\
                   --ca-cert docker-tls/ca/ca.pem --ca-key docker-tls/ca/ca-key.pem \\
                   --passphrase-file ca-pass.txt --out docker1-renewed.zip

  openssl 生成的只有 CN 的证书：续期后的证书会加上 SAN。
    dockcert renew server-cert.pem --ca-cert ca.pem --ca-key ca-key.pem --out fixed.zip

退出状态：0 已写入；1 无法生成或写入；2 输入被拒绝。";

const INSPECT: &str = "\
示例：
  dockcert inspect /etc/docker --host docker1.example.com
  dockcert inspect ~/.docker/dockcert/alice
  dockcert inspect ca.pem server-cert.pem --host docker1.example.com
  dockcert inspect docker-tls.zip --json
  dockcert inspect --explain 'x509: certificate relies on legacy Common Name field, use SANs instead'

退出状态：0 一切正常（可能显示警告）；1 发现问题（或者 dockcert 不认识这条消息）；
2 无法读取给出的某个路径。";

const EXPIRY: &str = "\
示例：
  dockcert expiry /etc/docker ~/.docker
  dockcert expiry fleet/ --within 14
  dockcert expiry tcp://docker1.example.com:2376 tcp://docker2.example.com:2376
  dockcert expiry docker-tls.zip --json
  dockcert expiry /etc/docker --prometheus > /var/lib/node_exporter/textfile/dockcert.prom

退出状态：0 没有证书在 DAYS 天内到期；1 有证书在 DAYS 天内到期或已过期；
2 无法读取给出的某个路径，或某个文件中的证书无法读取。";

const PROBE: &str = "\
示例：
  使用证书包中某个客户端的目录（ca.pem、cert.pem、key.pem）：
    dockcert probe tcp://docker1.example.com:2376 --client docker-tls/client/alice

  像 docker 的参数那样逐个指定文件：
    dockcert probe tcp://10.0.0.5:2376 --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem

  按 docker 客户端当前的设置（DOCKER_HOST、DOCKER_CERT_PATH）：
    . ./docker.env && dockcert probe

  一个 docker 上下文（由 docker-context.sh 或 .dockercontext 文件创建）：
    dockcert probe --context docker1.example.com

依次检查：能否连接；没有明文的 Docker API；服务器证书链到 CA，并且覆盖所连接的名称
（与 docker 的检查方式相同）；没有证书的客户端被拒绝；客户端的证书被接受（/_ping、/version）。

退出状态：0 正常；1 发现问题（无法连接、未受保护的 API、docker 会拒绝的证书、
客户端被拒绝）；2 输入被拒绝。";

const COMPLETIONS: &str = "\
示例：
  bash，只为自己：  dockcert completions bash > ~/.local/share/bash-completion/completions/dockcert
  bash，为所有用户：dockcert completions bash | sudo tee /usr/share/bash-completion/completions/dockcert
  zsh：             dockcert completions zsh > \"${fpath[1]}/_dockcert\"
  fish：            dockcert completions fish > ~/.config/fish/completions/dockcert.fish";

const MAN: &str = "\
示例：
  dockcert man | man -l -
  dockcert man | sudo tee /usr/local/share/man/man1/dockcert.1 >/dev/null";

const ROTATE: &str = "\
示例：
  为证书包中的每台主机和每个客户端换一个新 CA，并移除客户端 bob：
    dockcert rotate --ca-cert docker-tls/ca/ca.pem --ca-key docker-tls/ca/ca-key.pem \\
                    --passphrase-file ca-pass.txt --new-passphrase-file new-pass.txt \\
                    --from docker-tls --drop bob --out rotation.zip
  然后按顺序：在每台主机和每个客户端上运行 ./install.sh --phase 1，然后 --phase 2，最后 --phase 3
  （zip 中的 README.txt 说明了每一步）。

退出状态：0 已写出；1 无法生成或写出；2 输入被拒绝。";
