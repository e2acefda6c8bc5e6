//! The client's side: docker.env for the shell, and a docker context per
//! host (the `docker context create` line and docker-context.sh).

use super::locations::{client_cert_dir, context_name, docker_host};
use crate::plan::{ClientSpec, ServerSpec};

/// docker.env: a shell fragment that points the docker CLI at the first host.
pub fn docker_env(client: &ClientSpec, servers: &[ServerSpec]) -> String {
    let mut text = format!(
        "# docker.env for the client \"{name}\", made by dockcert. Load it into your shell with\n\
         #     . ./docker.env\n\
         # after ./install.sh has put ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH.\n",
        name = client.name
    );
    if servers.len() > 1 {
        text.push_str(
            "# It points at the first host; for another, change DOCKER_HOST to one of:\n",
        );
        for server in &servers[1..] {
            text.push_str(&format!("#     {}\n", docker_host(server)));
        }
        text.push_str("# or use the docker contexts that docker-context.sh creates.\n");
    }
    match servers.first() {
        Some(first) => text.push_str(&format!("export DOCKER_HOST={}\n", docker_host(first))),
        None => text.push_str(
            "# No host was named when these files were made: set DOCKER_HOST to yours.\n\
             # export DOCKER_HOST=tcp://docker1.example.com:2376\n",
        ),
    }
    text.push_str("export DOCKER_TLS_VERIFY=1\n");
    text.push_str(&format!(
        "export DOCKER_CERT_PATH=\"{}\"\n",
        client_cert_dir(client)
    ));
    text
}

/// The `docker context create` command for `client` to reach `server`, with
/// `dir` the folder holding the client's files.
pub fn context_create_command(client: &ClientSpec, server: &ServerSpec, dir: &str) -> String {
    format!(
        "docker context create {ctx} --description \"{host} over TLS as {client} (dockcert)\" --docker \"host={url},ca={dir}/ca.pem,cert={dir}/cert.pem,key={dir}/key.pem\"",
        ctx = context_name(server),
        host = server.name,
        client = client.name,
        url = docker_host(server),
    )
}

/// docker-context.sh: creates (or updates) one docker context per host.
pub fn docker_context_script(client: &ClientSpec, servers: &[ServerSpec]) -> String {
    let mut text = format!(
        "#!/bin/sh\n\
         # docker-context.sh: creates a docker context for each Docker host, for the client\n\
         # \"{name}\". Run it after ./install.sh. docker copies the files into its context\n\
         # store, so the contexts keep working wherever the files are later.\n\
         #     ./docker-context.sh [HOST[:PORT]...]     then: docker --context HOST version\n\
         # With no arguments it makes a context for each host named in this bundle.\n\
         set -eu\n\
         DIR=\"${{DOCKER_CERT_PATH:-{dir}}}\"\n\
         for f in ca.pem cert.pem key.pem; do\n\
         \x20   [ -r \"$DIR/$f\" ] || {{ echo \"docker-context.sh: $DIR/$f is missing; run ./install.sh first\" >&2; exit 1; }}\n\
         done\n\
         context() {{\n\
         \x20   if docker context inspect \"$1\" >/dev/null 2>&1; then\n\
         \x20       shift; docker context update \"$@\"\n\
         \x20   else\n\
         \x20       shift; docker context create \"$@\"\n\
         \x20   fi\n\
         }}\n",
        name = client.name,
        dir = client_cert_dir(client),
    );
    text.push_str(
        "if [ $# -gt 0 ]; then\n\
         \x20   # Hosts named on the command line: ./docker-context.sh HOST[:PORT]...\n\
         \x20   for target in \"$@\"; do\n\
         \x20       host=${target%:*}; port=${target##*:}\n\
         \x20       [ \"$host\" = \"$target\" ] && port=2376\n\
         \x20       context \"$host\" \"$host\" --description \"$host over TLS (dockcert)\" --docker \"host=tcp://$host:$port,ca=$DIR/ca.pem,cert=$DIR/cert.pem,key=$DIR/key.pem\"\n\
         \x20   done\n\
         \x20   echo \"Contexts ready. Try: docker --context $1 version\"\n\
         \x20   exit 0\n\
         fi\n",
    );
    if servers.is_empty() {
        text.push_str(
            "echo \"docker-context.sh: no host was named when these files were made; run it as ./docker-context.sh HOST[:PORT]...\" >&2\nexit 2\n",
        );
        return text;
    }
    for server in servers {
        let ctx = context_name(server);
        text.push_str(&format!(
            "context {ctx} {ctx} --description \"{host} over TLS as {client} (dockcert)\" --docker \"host={url},ca=$DIR/ca.pem,cert=$DIR/cert.pem,key=$DIR/key.pem\"\n",
            host = server.name,
            client = client.name,
            url = docker_host(server),
        ));
    }
    text.push_str("echo \"Contexts ready. Try: docker --context ");
    text.push_str(&servers.first().map(context_name).unwrap_or_default());
    text.push_str(" version\"\n");
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
