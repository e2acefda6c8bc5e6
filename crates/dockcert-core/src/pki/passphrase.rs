//! The CA key's passphrase: checked for length, wiped from memory on drop,
//! never printed, never put in a message.

use std::fmt;

use zeroize::Zeroizing;

use super::error::PkiError;

/// Shortest passphrase accepted for the CA key, in characters (as the page's
/// hint and the messages say it; bytes not UTF-8 count one each).
pub const MIN_PASSPHRASE_LEN: usize = 8;

/// Longest passphrase accepted, in bytes (a guard against pasting a file).
pub const MAX_PASSPHRASE_LEN: usize = 1024;

/// The CA key's passphrase, wiped from memory on drop and never printed.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<Vec<u8>>);

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl Passphrase {
    /// Checks the length (at least [`MIN_PASSPHRASE_LEN`] characters, at most
    /// [`MAX_PASSPHRASE_LEN`] bytes) and takes ownership.
    pub fn new(bytes: Vec<u8>) -> Result<Self, PkiError> {
        let bytes = Zeroizing::new(bytes);
        if bytes.is_empty() {
            return Err(PkiError::PassphraseEmpty);
        }
        let chars = std::str::from_utf8(&bytes).map_or(bytes.len(), |s| s.chars().count());
        if chars < MIN_PASSPHRASE_LEN {
            return Err(PkiError::PassphraseTooShort {
                len: chars,
                min: MIN_PASSPHRASE_LEN,
            });
        }
        if bytes.len() > MAX_PASSPHRASE_LEN {
            return Err(PkiError::PassphraseTooLong {
                len: bytes.len(),
                max: MAX_PASSPHRASE_LEN,
            });
        }
        Ok(Passphrase(bytes))
    }

    /// A passphrase typed twice (the CLI's prompt, the page's two fields):
    /// the first is checked as [`Passphrase::new`] checks it, then the two
    /// must be equal.
    pub fn confirmed(first: &[u8], second: &[u8]) -> Result<Self, PkiError> {
        let passphrase = Passphrase::new(first.to_vec())?;
        if first != second {
            return Err(PkiError::PassphrasesDiffer);
        }
        Ok(passphrase)
    }

    /// The passphrase's bytes, as PKCS#5 uses them.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_checked_without_echoing_it() {
        assert_eq!(
            Passphrase::new(Vec::new()).unwrap_err(),
            PkiError::PassphraseEmpty
        );
        let err = Passphrase::new(b"hunter2".to_vec())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "the passphrase is 7 characters long; at least 8 are required"
        );
        // Four characters, twelve bytes: too short, as the hint's "at least 8
        // characters" says.
        assert_eq!(
            Passphrase::new("口令口令".as_bytes().to_vec()).unwrap_err(),
            PkiError::PassphraseTooShort { len: 4, min: 8 }
        );
        assert!(Passphrase::new(vec![b'x'; 1025]).is_err());
        assert_eq!(
            format!("{:?}", Passphrase::new(b"secret-pass".to_vec()).unwrap()),
            "Passphrase(..)"
        );
    }

    #[test]
    fn its_shortest_length_is_counted_in_characters_as_the_hint_says() {
        // Seven characters, 21 bytes: too short, said in characters.
        let seven = "口令口令口令口".as_bytes().to_vec();
        assert_eq!(seven.len(), 21);
        let err = Passphrase::new(seven).unwrap_err();
        assert_eq!(err, PkiError::PassphraseTooShort { len: 7, min: 8 });
        assert_eq!(
            crate::lang::Localized::text(&err, crate::lang::Lang::En),
            "the passphrase is 7 characters long; at least 8 are required"
        );
        assert_eq!(
            crate::lang::Localized::text(&err, crate::lang::Lang::Zh),
            "口令只有 7 个字符；至少需要 8 个字符"
        );
        assert!(Passphrase::new("口令口令口令口令".as_bytes().to_vec()).is_ok());
    }

    #[test]
    fn typed_twice() {
        assert!(Passphrase::confirmed(b"secret-pass", b"secret-pass").is_ok());
        assert_eq!(
            Passphrase::confirmed(b"secret-pass", b"secret-pas").unwrap_err(),
            PkiError::PassphrasesDiffer
        );
        assert_eq!(
            Passphrase::confirmed(b"short", b"other").unwrap_err(),
            PkiError::PassphraseTooShort { len: 5, min: 8 }
        );
    }
}
