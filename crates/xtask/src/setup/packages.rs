//! The Debian packages `cargo xtask setup` installs for the tests.

/// Debian packages the tests run.
pub(super) const DEBIAN_PACKAGES: &[&str] = &[
    "docker.io",
    "openssl",
    "unzip",
    "clang",
    "shellcheck",
    "gawk",
    // busybox-static (it provides busybox, awk included): its static
    // binary is the rootfs `docker import` makes the rotation test's image of.
    "busybox-static",
    "chromium",
    "chromium-driver",
    "firefox-esr",
    "nftables",
    "iproute2",
    "python3-firewall",
    "fonts-wqy-microhei",
    "man-db",
    "zsh",
    "fish",
    "docker-compose",
    "python3-yaml",
    // `dockcert expiry --prometheus`: promtool checks the metrics and the
    // rules, node_exporter's textfile collector serves them; faketime
    // moves the host's expiry check's clock.
    "prometheus",
    "prometheus-node-exporter",
    "faketime",
];
