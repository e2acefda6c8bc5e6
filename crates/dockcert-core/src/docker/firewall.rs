//! Firewall rules that let only known client networks reach dockerd's TLS
//! port: the second baseline habit after TLS. One nftables file (a table of
//! its own, so loading it leaves other rules alone, and loading it again
//! replaces it) and one firewalld script (rich rules in a zone).

use super::words::Words;
use crate::lang::{Lang, Localized};
use crate::plan::{Cidr, ServerSpec};

/// The nftables table dockcert's rules live in.
pub(crate) const NFT_TABLE: &str = "dockcert_docker_tls";

/// `firewall/nftables.conf` for `server`, its comments in `lang`, or `None`
/// without `--allow-from`.
pub fn nftables(server: &ServerSpec, lang: Lang) -> Option<String> {
    if server.allow_from.is_empty() {
        return None;
    }
    let port = server.listen.port;
    let (v4, v6): (Vec<&Cidr>, Vec<&Cidr>) = server.allow_from.iter().partition(|c| c.is_ipv4());
    let list = |nets: &[&Cidr]| {
        nets.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let nets = list(&server.allow_from.iter().collect::<Vec<_>>());
    let head = Words::NftablesHead {
        host: &server.name,
        port,
        nets: &nets,
    };
    let mut t = format!(
        "#!/usr/sbin/nft -f\n\
         {head}\
         table inet {NFT_TABLE}\n\
         delete table inet {NFT_TABLE}\n\
         table inet {NFT_TABLE} {{\n",
        head = head.text(lang),
    );
    if !v4.is_empty() {
        t.push_str(&format!(
            "\tset allowed_v4 {{\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = {{ {} }}\n\t}}\n",
            list(&v4)
        ));
    }
    if !v6.is_empty() {
        t.push_str(&format!(
            "\tset allowed_v6 {{\n\t\ttype ipv6_addr\n\t\tflags interval\n\t\telements = {{ {} }}\n\t}}\n",
            list(&v6)
        ));
    }
    t.push_str(
        "\tchain input {\n\t\ttype filter hook input priority filter - 10; policy accept;\n",
    );
    t.push_str(&format!("\t\ttcp dport {port} iifname \"lo\" accept\n"));
    if !v4.is_empty() {
        t.push_str(&format!(
            "\t\ttcp dport {port} ip saddr @allowed_v4 accept\n"
        ));
    }
    if !v6.is_empty() {
        t.push_str(&format!(
            "\t\ttcp dport {port} ip6 saddr @allowed_v6 accept\n"
        ));
    }
    t.push_str(&format!("\t\ttcp dport {port} counter drop\n\t}}\n}}\n"));
    Some(t)
}

/// One firewalld rich rule letting `net` reach `port`.
pub(crate) fn rich_rule(net: &Cidr, port: u16) -> String {
    let family = if net.is_ipv4() { "ipv4" } else { "ipv6" };
    format!("rule family=\"{family}\" source address=\"{net}\" port port=\"{port}\" protocol=\"tcp\" accept")
}

/// `firewall/firewalld.sh` for `server`, its comments and message in
/// `lang`, or `None` without `--allow-from`.
pub fn firewalld(server: &ServerSpec, lang: Lang) -> Option<String> {
    if server.allow_from.is_empty() {
        return None;
    }
    let port = server.listen.port;
    let head = Words::FirewalldHead {
        host: &server.name,
        port,
    };
    let mut t = format!(
        "#!/bin/sh\n\
         {head}\
         set -eu\n\
         ZONE=\"${{1:-$(firewall-cmd --get-default-zone)}}\"\n\
         firewall-cmd --permanent --zone=\"$ZONE\" --remove-port={port}/tcp >/dev/null 2>&1 || true\n",
        head = head.text(lang),
    );
    for net in &server.allow_from {
        t.push_str(&format!(
            "firewall-cmd --permanent --zone=\"$ZONE\" --add-rich-rule='{}'\n",
            rich_rule(net, port)
        ));
    }
    t.push_str("firewall-cmd --reload\n");
    let nets = server
        .allow_from
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let done = Words::FirewalldDone { nets: &nets, port };
    t.push_str(&format!("echo \"{}\"\n", done.text(lang)));
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::fenced;

    fn server(nets: &[&str]) -> ServerSpec {
        fenced("docker1", nets)
    }

    #[test]
    fn no_networks_no_rules() {
        assert!(nftables(&server(&[]), Lang::En).is_none());
        assert!(firewalld(&server(&[]), Lang::En).is_none());
    }

    #[test]
    fn both_families() {
        let nft = nftables(&server(&["10.0.0.0/24", "fd00::/64"]), Lang::En).unwrap();
        assert!(nft.contains("elements = { 10.0.0.0/24 }"));
        assert!(nft.contains("elements = { fd00::/64 }"));
        assert!(nft.contains("tcp dport 2376 ip saddr @allowed_v4 accept"));
        assert!(nft.contains("tcp dport 2376 ip6 saddr @allowed_v6 accept"));
        assert!(nft
            .trim_end()
            .ends_with("tcp dport 2376 counter drop\n\t}\n}"));
        let fwd = firewalld(&server(&["10.0.0.0/24", "fd00::/64"]), Lang::En).unwrap();
        assert!(fwd.contains("--add-rich-rule='rule family=\"ipv4\" source address=\"10.0.0.0/24\" port port=\"2376\" protocol=\"tcp\" accept'"));
        assert!(fwd.contains("rule family=\"ipv6\" source address=\"fd00::/64\""));
    }

    #[test]
    fn only_one_family() {
        let nft = nftables(&server(&["192.168.1.0/24"]), Lang::En).unwrap();
        assert!(!nft.contains("allowed_v6"));
    }
}
