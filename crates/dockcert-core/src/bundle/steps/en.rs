//! The next steps' notes in English.

use super::note::StepNote;

/// `note` in English.
pub(super) fn text(note: &StepNote) -> String {
    match note {
        StepNote::ExistingClients { cert_dir } => format!(
            "Each client that already has a certificate from this CA reaches the hosts in \
             this bundle with the files it has: its install.sh put ca.pem, cert.pem and \
             key.pem in {cert_dir} (CLIENT is the client's name; ls $HOME/.docker/dockcert/ \
             lists them). On that client, as the user who runs docker (skip a host it has a \
             context for already):"
        ),
        StepNote::ExistingClientsScript => "Or, in that client's folder from the earlier \
             bundle, docker-context.sh makes the same contexts, each named as the address it \
             dials:"
            .to_owned(),
    }
}
