//! The README's quickstart, run line by line: the docs cannot rot.

use assert_cmd::Command;

#[test]
fn every_quickstart_command_succeeds() {
    let readme = include_str!("../README.md");
    let quickstart =
        readme.split("## Quickstart").nth(1).unwrap().split("```sh").nth(1).unwrap().split("```").next().unwrap();
    let mut ran = 0;
    for line in quickstart.lines().filter(|l| l.starts_with("psb ")) {
        let command = line.split("  #").next().unwrap().trim();
        let args = shell_words(command.strip_prefix("psb ").unwrap());
        let out = Command::cargo_bin("psb").unwrap().env_remove("PSB_API_TOKEN").args(&args).output().unwrap();
        assert!(out.status.success(), "`{command}` failed: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "`{command}` printed nothing");
        ran += 1;
    }
    assert!(ran >= 5, "the quickstart has its commands");
}

/// Splits on spaces, keeping "double-quoted words" together (all the README needs).
fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}
