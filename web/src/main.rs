//! The page's entry point.

fn main() {
    dockcert_web::start();
}
