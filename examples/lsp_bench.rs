//! The language server's latency: `cargo run --release --example lsp_bench -- DIR [EDITS]`
//! starts `kientruc lsp` (the release binary beside this example) on the model directory DIR,
//! opens its first systems file and types EDITS changes (default 20), alternating a mistyped
//! reference and its fix, each a full-text `didChange` as editors send them. For each it
//! measures the time from sending the change to the server's end-of-check log line (all
//! diagnostics published), and prints the first full check and the median and worst edit.
//! It measures; it writes no file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(300);

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

struct Server {
    stdin: std::process::ChildStdin,
    messages: Receiver<Value>,
    child: std::process::Child,
}

impl Server {
    fn start(binary: &Path, root: &Path) -> Result<Server, String> {
        let mut child = Command::new(binary)
            .args(["lsp", "--lang", "en", "--today", "2026-01-15"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let Some(length) = length else { return };
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(message) = serde_json::from_slice(&body) else {
                    return;
                };
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            stdin,
            messages,
            child,
        };
        server.send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "processId": null, "rootUri": uri(root), "capabilities": {},
                "workspaceFolders": [{"uri": uri(root), "name": "model"}],
            }}),
        )?;
        loop {
            let message = server.next()?;
            if message["id"] == 1 {
                break;
            }
        }
        server.notify("initialized", json!({}))?;
        Ok(server)
    }

    fn next(&self) -> Result<Value, String> {
        self.messages
            .recv_timeout(WAIT)
            .map_err(|_| "the server stopped answering".to_string())
    }

    fn send(&mut self, message: Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .map_err(|e| e.to_string())
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Waits for the end of the next check (the server's `kientruc: …` log line).
    fn checked(&self) -> Result<(), String> {
        loop {
            let message = self.next()?;
            if message["method"] == "window/logMessage"
                && message["params"]["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("kientruc:"))
            {
                // The server's own split of the time (load, judge), when asked for.
                if std::env::var_os("LSP_BENCH_STAGES").is_some() {
                    eprintln!("{}", message["params"]["message"].as_str().unwrap_or(""));
                }
                return Ok(());
            }
        }
    }
}

/// The first `.yaml` file under `systems/` (else anywhere) that declares an `owner:`.
fn a_systems_file(root: &Path) -> Option<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    let has_owner = |p: &PathBuf| {
        std::fs::read_to_string(p).is_ok_and(|t| t.contains("systems:") && t.contains("owner: "))
    };
    files
        .iter()
        .find(|p| p.components().any(|c| c.as_os_str() == "systems") && has_owner(p))
        .or_else(|| files.iter().find(|p| has_owner(p)))
        .cloned()
}

fn run(root: &Path, edits: usize) -> Result<(), String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let binary = std::env::current_exe()
        .map_err(|e| e.to_string())?
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("kientruc"))
        .ok_or("cannot find the kientruc binary")?;
    let file = a_systems_file(&root).ok_or("no systems file with an owner")?;
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let owner_at = text.find("owner: ").ok_or("no owner")? + "owner: ".len();
    let typo = format!("{}x{}", &text[..owner_at], &text[owner_at..]);

    let started = Instant::now();
    let mut server = Server::start(&binary, &root)?;
    server.checked()?;
    let first = started.elapsed();
    let file_uri = uri(&file);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file_uri, "languageId": "yaml", "version": 1, "text": text}}),
    )?;
    server.checked()?;
    let mut times = Vec::with_capacity(edits);
    for k in 0..edits {
        let body = if k % 2 == 0 { &typo } else { &text };
        let sent = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": file_uri, "version": k + 2}, "contentChanges": [{"text": body}]}),
        )?;
        server.checked()?;
        times.push(sent.elapsed());
    }
    let _ = server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    let _ = server.notify("exit", json!(null));
    let _ = server.child.wait();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{}: first check {:.0} ms; {} edits of {}: median {:.1} ms, worst {:.1} ms",
        root.display(),
        ms(first),
        edits,
        file.strip_prefix(&root).unwrap_or(&file).display(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: lsp_bench DIR [EDITS]   (cargo build --release first)");
        return ExitCode::from(2);
    };
    let edits = args
        .get(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
        .max(1);
    match run(Path::new(dir), edits) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lsp_bench: {message}");
            ExitCode::from(2)
        }
    }
}
