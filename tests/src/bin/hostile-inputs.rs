//! `hostile-inputs DIR DOCKCERT`: builds every hostile input of
//! `dockcert_tests::hostile` under DIR and prints each case as one JSON line
//! (its folder, program, arguments and the exit status it must end with),
//! for `cargo xtask bench` to time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(dir), Some(dockcert)) = (args.next(), args.next()) else {
        eprintln!("usage: hostile-inputs DIR DOCKCERT");
        std::process::exit(2);
    };
    for case in dockcert_tests::hostile::all(&dir, &dockcert) {
        println!("{}", case.json());
    }
}
