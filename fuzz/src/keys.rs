//! Private keys as `dockcert issue --ca-key` and the page read them.

use dockcert_core::import::{self, KeyState};

use super::{first_line, render_import};

/// Key import: `PASSPHRASE\nKEY FILE`, the passphrase being the first line
/// as `--passphrase-file` reads it (no newline: no passphrase, all key
/// file). The key file is read without a passphrase, then with the one
/// given. The core refuses a key derivation above its caps before any work
/// (`import::MAX_SCRYPT_MEMORY` and the others), so every input stays
/// quick.
///
/// Checks: `key_is_encrypted` and `key_state` agree (an encrypted key that
/// `key_state` refuses before its passphrase is refused for the same reason
/// with one); a plain key reads the same with or without a passphrase; an
/// encrypted one needs it; a key that imports has a public key and
/// re-imports from its own PEM to the same DER.
pub fn key_import(data: &[u8]) {
    let (passphrase, file) = first_line(data).unwrap_or((&[], data));
    let state = import::key_state(file);
    let encrypted = import::key_is_encrypted(file);
    let refused_unopened = encrypted && state.is_err();
    assert_eq!(
        encrypted,
        matches!(state, Ok(KeyState::Encrypted(_))) || refused_unopened,
        "key_is_encrypted and key_state disagree: {state:?}"
    );
    let plain = import::private_key(file, None);
    if encrypted {
        assert!(
            matches!(plain, Err(import::ImportError::PassphraseNeeded)),
            "an encrypted key read without its passphrase: {:?}",
            plain.as_ref().map(|(k, f)| (k.key_type(), *f))
        );
    } else {
        let expected = plain
            .as_ref()
            .map(|(_, format)| KeyState::Plain(*format))
            .map_err(Clone::clone);
        assert_eq!(state, expected);
    }
    if let Ok((key, _)) = &plain {
        imported_key(key);
    }
    render_import(plain.as_ref().err());

    let opened = import::private_key(file, Some(passphrase));
    if refused_unopened {
        assert_eq!(
            opened.as_ref().err(),
            state.as_ref().err(),
            "key_state refused a key that a passphrase then opened or refused otherwise"
        );
    }
    if !encrypted {
        let same = match (&opened, &plain) {
            (Ok((a, fa)), Ok((b, fb))) => a.pkcs8_der() == b.pkcs8_der() && fa == fb,
            (Err(a), Err(b)) => a == b,
            _ => false,
        };
        assert!(same, "a passphrase changed how a plain key reads");
    }
    match &opened {
        Ok((key, _)) => imported_key(key),
        Err(e) => render_import(Some(e)),
    }
}

/// What every imported key must allow: its public key, and a re-import from
/// its own PEM that gives the same key.
fn imported_key(key: &dockcert_core::pki::PrivateKey) {
    assert!(
        !key.public_key_raw().is_empty(),
        "an imported key has no public key"
    );
    let pem = key.to_pem();
    assert!(pem.is_ok(), "an imported key does not encode as PEM");
    let Ok(pem) = pem else { return };
    let again = import::private_key(pem.as_bytes(), None);
    assert!(
        again.is_ok(),
        "an imported key does not re-import from its own PEM: {:?}",
        again.as_ref().err()
    );
    if let Ok((again, format)) = again {
        assert_eq!(format, import::KeyFormat::Pkcs8);
        assert_eq!(again.key_type(), key.key_type());
        assert_eq!(
            again.pkcs8_der(),
            key.pkcs8_der(),
            "re-import changed the key"
        );
    }
}
