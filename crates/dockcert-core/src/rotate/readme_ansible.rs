//! README.txt's part on `ansible/` in a rotation bundle made with
//! `--ansible`: how to run each phase with rotate.yml, its batches and
//! checks, and that the clients are not in it.

use crate::lang::Lang;

/// The section, in `lang`.
pub(super) fn section(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Zh => ZH,
    }
}

const EN: &str = "\
WITH ANSIBLE\n\
\n\
ansible/inventory.yml lists every host (group dockcert_hosts) with the SHA-256 of\n\
its files before and after each phase; ansible/rotate.yml runs one phase on every\n\
host as a rolling update. For each phase N (1, then 2, then 3), from this folder:\n\
\n\
\x20   ansible-playbook -i ansible/inventory.yml ansible/rotate.yml --tags phaseN\n\
\n\
(-e dockcert_phase=N in place of --tags phaseN does the same; no phase, two\n\
phase tags, or a tag and a dockcert_phase that differ are refused.) On each\n\
host it does what server/NAME/install.sh --phase N does, with the same\n\
SHA-256 checks (a phase run out of order, or a file someone changed, is refused,\n\
nothing written, unless -e dockcert_force=true), and needs \"live-restore\": true\n\
in daemon.json (-e dockcert_live_restore=true adds it). Where a file changed, it\n\
reloads dockerd if live-restore is not on yet, checks that docker info says true,\n\
then restarts dockerd. Then it asks the host's Docker API for /version over TLS\n\
from this machine, with the certificate of the first client kept (its cert.pem,\n\
key.pem and ca-both.pem; dockcert_check_client in the inventory), before the next\n\
batch starts. Batches: one host first, then a tenth of the fleet at a time\n\
(-e dockcert_serial=N or a percentage); the play stops at the first host that\n\
fails (-e dockcert_max_fail_percentage=P allows more). A second run of a phase\n\
changes nothing. The playbook's opening comment lists every variable.\n\
\n\
The clients are NOT in the playbook: each still runs its client/NAME/install.sh\n\
--phase N. Every host AND every client finishes phase N before any starts phase\n\
N+1.\n\
\n";

const ZH: &str = "\
使用 ANSIBLE\n\
\n\
主机清单 ansible/inventory.yml 列出每台主机（dockcert_hosts 组）及其文件在每个阶段前后的\n\
SHA-256；ansible/rotate.yml 把一个阶段作为滚动更新在每台主机上运行。每个阶段 N（先 1，\n\
再 2，最后 3），在本目录中运行：\n\
\n\
\x20   ansible-playbook -i ansible/inventory.yml ansible/rotate.yml --tags phaseN\n\
\n\
（用 -e dockcert_phase=N 代替 --tags phaseN 效果相同；没有指定阶段、给出两个阶段标签，或\n\
标签与 dockcert_phase 不一致，都会被拒绝。）它在每台主机上做 server/NAME/install.sh --phase N 所做的事，并做同样的 SHA-256 检查（不按\n\
顺序运行的阶段，或被人改过的文件，都会被拒绝，不写入任何文件，除非 -e dockcert_force=true），\n\
并要求 daemon.json 中有 \"live-restore\": true（-e dockcert_live_restore=true 会把它加上）。\n\
在有文件改动的主机上，如果 live-restore 尚未开启，它先重新加载 dockerd，确认 docker info\n\
显示 true，然后重启 dockerd。之后，在下一批开始之前，它从本机通过 TLS 访问该主机 Docker API\n\
的 /version，使用第一个保留的客户端的证书（它的 cert.pem、key.pem 和 ca-both.pem；即主机\n\
清单中的 dockcert_check_client）。分批：先一台主机，然后每次十分之一的主机\n\
（-e dockcert_serial=N 或百分比）；遇到第一台失败的主机就停止（-e\n\
dockcert_max_fail_percentage=P 允许更多）。同一阶段运行第二次不会改动任何东西。playbook\n\
开头的注释列出了所有变量。\n\
\n\
客户端不在 playbook 中：每个客户端仍要运行它的 client/NAME/install.sh --phase N。每台主机\n\
和每个客户端都完成第 N 阶段后，才能有任何一方开始第 N+1 阶段。\n\
\n";
