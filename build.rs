//! Link options for the `genius` binary only (the library, tests and benches link as usual).
//!
//! On Linux with glibc, the executable's relocations are packed (`-z pack-relative-relocs`,
//! DT_RELR): a position-independent binary keeps its address randomisation, but the loader reads
//! a few kilobytes of relocations at start instead of 1.2 MB of `.rela.dyn` — memory the start
//! screen no longer holds. The code LLVM marks cold or start-up only keeps its own sections
//! (`-z keep-text-section-prefix`). A linker that does not know a `-z` option ignores it with a
//! warning, and one whose C library lacks DT_RELR support keeps the classic format.
//!
//! In release builds linked by rustc's own lld (x86_64 Linux, Rust 1.90 and later, no other
//! linker asked for), the functions that run to the start screen are laid out together, in the
//! order `link/start-order.txt` records (scripts/record-start-order.sh): the kernel maps 64 KB
//! around each page a program touches, so start-up code spread over the whole text kept most of
//! it resident. Names the binary no longer has are skipped silently; a stale order costs memory,
//! never a failed build.

use std::path::Path;

const START_ORDER: &str = "link/start-order.txt";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={START_ORDER}");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
        println!("cargo::rustc-link-arg-bins=-Wl,-z,keep-text-section-prefix");
    }
    let release = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let order =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join(START_ORDER);
    if release && links_with_rust_lld() && order.is_file() {
        println!(
            "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={},--no-warn-symbol-ordering",
            order.display()
        );
    }
}

/// Whether rustc links this build with its bundled lld, which knows `--symbol-ordering-file`
/// (the GNU linkers do not, and would fail the link).
fn links_with_rust_lld() -> bool {
    let target = std::env::var("TARGET").unwrap_or_default();
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let linker_chosen = flags.contains("linker") || flags.contains("fuse-ld");
    let linker_variable = format!(
        "CARGO_TARGET_{}_LINKER",
        target.to_uppercase().replace('-', "_")
    );
    println!("cargo::rerun-if-env-changed={linker_variable}");
    target == "x86_64-unknown-linux-gnu"
        && !linker_chosen
        && std::env::var_os(linker_variable).is_none()
        && rustc_minor_version().is_some_and(|minor| minor >= 90)
}

/// The minor version of the rustc cargo builds with (`rustc 1.95.0 (...)` → 95).
fn rustc_minor_version() -> Option<u32> {
    let rustc = std::env::var_os("RUSTC")?;
    let output = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let version = text.split_whitespace().nth(1)?;
    version.split('.').nth(1)?.parse().ok()
}
