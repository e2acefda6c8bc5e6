//! The client's side: docker.env for the shell, and a docker context per
//! host (the `docker context create` line and docker-context.sh).

use super::locations::{client_cert_dir, context_name, docker_host};
use super::words::Words;
use crate::lang::{Lang, Localized};
use crate::plan::{ClientSpec, ServerSpec};

/// docker.env: a shell fragment that points the docker CLI at the first
/// host, its comments in `lang`.
pub fn docker_env(client: &ClientSpec, servers: &[ServerSpec], lang: Lang) -> String {
    let mut text = Words::EnvHead {
        client: &client.name,
    }
    .text(lang);
    if servers.len() > 1 {
        text.push_str(&Words::EnvOtherHosts.text(lang));
        for server in &servers[1..] {
            text.push_str(&format!("#     {}\n", docker_host(server)));
        }
        text.push_str(&Words::EnvOrContexts.text(lang));
    }
    match servers.first() {
        Some(first) => text.push_str(&format!("export DOCKER_HOST={}\n", docker_host(first))),
        None => {
            text.push_str(&Words::EnvNoHost.text(lang));
            text.push_str("# export DOCKER_HOST=tcp://docker1.example.com:2376\n");
        }
    }
    text.push_str("export DOCKER_TLS_VERIFY=1\n");
    text.push_str(&format!(
        "export DOCKER_CERT_PATH=\"{}\"\n",
        client_cert_dir(client)
    ));
    text
}

/// The `docker context create` command for `client` to reach `server`, with
/// `dir` the folder holding the client's files; the context's description
/// in `lang`.
pub fn context_create_command(
    client: &ClientSpec,
    server: &ServerSpec,
    dir: &str,
    lang: Lang,
) -> String {
    format!(
        "docker context create {ctx} --description \"{description}\" --docker \"host={url},ca={dir}/ca.pem,cert={dir}/cert.pem,key={dir}/key.pem\"",
        ctx = context_name(server),
        description = context_description(client, server, lang),
        url = docker_host(server),
    )
}

/// A docker context's description, for `client` to reach `server`. Host and
/// client names hold no character a double-quoted shell string would change.
pub(crate) fn context_description(client: &ClientSpec, server: &ServerSpec, lang: Lang) -> String {
    Words::ContextDescription {
        host: &server.name,
        client: &client.name,
    }
    .text(lang)
}

/// docker-context.sh: creates (or updates) one docker context per host,
/// its comments, messages and the contexts' descriptions in `lang`.
pub fn docker_context_script(client: &ClientSpec, servers: &[ServerSpec], lang: Lang) -> String {
    let mut text = "#!/bin/sh\n".to_owned();
    text.push_str(
        &Words::ContextScriptHead {
            client: &client.name,
        }
        .text(lang),
    );
    text.push_str(&format!(
        "set -eu\n\
         DIR=\"${{DOCKER_CERT_PATH:-{dir}}}\"\n\
         for f in ca.pem cert.pem key.pem; do\n\
         \x20   [ -r \"$DIR/$f\" ] || {{ echo \"{missing}\" >&2; exit 1; }}\n\
         done\n\
         context() {{\n\
         \x20   if docker context inspect \"$1\" >/dev/null 2>&1; then\n\
         \x20       shift; docker context update \"$@\"\n\
         \x20   else\n\
         \x20       shift; docker context create \"$@\"\n\
         \x20   fi\n\
         }}\n\
         if [ $# -gt 0 ]; then\n",
        dir = client_cert_dir(client),
        missing = Words::ContextFileMissing.text(lang),
    ));
    text.push_str("    ");
    text.push_str(&Words::ContextHostsGiven.text(lang));
    text.push_str(&format!(
        "    for target in \"$@\"; do\n\
         \x20       host=${{target%:*}}; port=${{target##*:}}\n\
         \x20       [ \"$host\" = \"$target\" ] && port=2376\n\
         \x20       context \"$host\" \"$host\" --description \"{given}\" --docker \"host=tcp://$host:$port,ca=$DIR/ca.pem,cert=$DIR/cert.pem,key=$DIR/key.pem\"\n\
         \x20   done\n\
         \x20   echo \"{ready}\"\n\
         \x20   exit 0\n\
         fi\n",
        given = Words::ContextGivenHost.text(lang),
        ready = Words::ContextsReady { context: "$1" }.text(lang),
    ));
    if servers.is_empty() {
        text.push_str(&format!(
            "echo \"{}\" >&2\nexit 2\n",
            Words::ContextNoHost.text(lang)
        ));
        return text;
    }
    for server in servers {
        let ctx = context_name(server);
        text.push_str(&format!(
            "context {ctx} {ctx} --description \"{description}\" --docker \"host={url},ca=$DIR/ca.pem,cert=$DIR/cert.pem,key=$DIR/key.pem\"\n",
            description = context_description(client, server, lang),
            url = docker_host(server),
        ));
    }
    let first = servers.first().map(context_name).unwrap_or_default();
    text.push_str(&format!(
        "echo \"{}\"\n",
        Words::ContextsReady { context: &first }.text(lang)
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn docker_env_points_at_the_first_host() {
        let client = ClientSpec {
            name: "alice".into(),
        };
        let env = docker_env(
            &client,
            &[
                server("docker1", &["docker1"]),
                server("10.0.0.9", &["10.0.0.9", "::1"]),
            ],
            Lang::En,
        );
        assert!(env.contains("export DOCKER_HOST=tcp://docker1:2376\n"));
        assert!(env.contains("export DOCKER_TLS_VERIFY=1\n"));
        assert!(env.contains("export DOCKER_CERT_PATH=\"$HOME/.docker/dockcert/alice\"\n"));
        assert!(env.contains("#     tcp://10.0.0.9:2376\n"));
    }

    #[test]
    fn context_names_are_valid_for_docker() {
        assert_eq!(context_name(&server("h", &["h"])), "h-tls");
        assert_eq!(context_name(&server("docker1", &["docker1"])), "docker1");
    }
}
