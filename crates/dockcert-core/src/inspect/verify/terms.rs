//! The words of a question to the judge: as a server's or a client's
//! certificate, which certificate a fact is about, a signature scheme.

/// What the chain is judged for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Usage {
    /// A daemon's certificate, as the docker client checks it (serverAuth).
    Server,
    /// A client's certificate, as dockerd with `--tlsverify` checks it
    /// (clientAuth).
    Client,
}

/// Which of the given certificates a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Which {
    /// The leaf.
    Leaf,
    /// `Chain::intermediates[i]`.
    Intermediate(usize),
    /// `Chain::roots[i]`.
    Root(usize),
}

/// A signature scheme, as a certificate or a TLS handshake names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// RSA PKCS#1 v1.5 with SHA-256, -384 or -512 (`bits` of the hash).
    RsaPkcs1 {
        /// 256, 384 or 512.
        hash_bits: u16,
    },
    /// RSA-PSS with SHA-256, -384 or -512, the salt as long as the hash.
    RsaPss {
        /// 256, 384 or 512.
        hash_bits: u16,
    },
    /// ECDSA (P-256, P-384 or P-521, by the key) with SHA-256, -384 or -512.
    Ecdsa {
        /// 256, 384 or 512.
        hash_bits: u16,
    },
    /// Ed25519.
    Ed25519,
}
