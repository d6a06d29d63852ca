//! `kientruc lsp` end to end: a scripted client speaks JSON-RPC with Content-Length framing to
//! the real binary over stdio, on a copy of models/bac-lieu, and checks what an editor shows.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/models/bac-lieu");
const WAIT: Duration = Duration::from_secs(60);

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn uri(path: &Path) -> String {
    // The test paths are ASCII (a temporary directory and the model's file names).
    format!("file://{}", path.display())
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// The latest diagnostics published, by URI.
    diagnostics: HashMap<String, Vec<Value>>,
    /// The messages the server asked the editor to show.
    shown: Vec<String>,
    /// The methods of the requests the server sent to the editor.
    asked: Vec<String>,
}

impl Client {
    fn start(root: &Path) -> Client {
        Client::start_with(json!({
            "processId": null,
            "rootUri": uri(root),
            "capabilities": {},
            "workspaceFolders": [{"uri": uri(root), "name": "bac-lieu"}],
        }))
    }

    fn start_with(initialize: Value) -> Client {
        Client::start_args(&[], initialize)
    }

    /// The server started with `args` after `lsp --lang en --today 2025-01-01`.
    fn start_args(args: &[&std::ffi::OsStr], initialize: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kientruc"))
            .args(["lsp", "--lang", "en", "--today", "2025-01-01"])
            .args(args)
            .env_remove("LANG")
            .env_remove("KIENTRUC_LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
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
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            diagnostics: HashMap::new(),
            shown: Vec::new(),
            asked: Vec::new(),
        };
        let init = client.request("initialize", initialize);
        assert_eq!(init["capabilities"]["hoverProvider"], true, "{init}");
        assert_eq!(init["capabilities"]["textDocumentSync"], 1, "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Remembers a notification; returns whether it ends a check (the server's log line).
    fn note(&mut self, message: &Value) -> bool {
        match message["method"].as_str() {
            Some("textDocument/publishDiagnostics") => {
                let params = &message["params"];
                let list = params["diagnostics"].as_array().unwrap().clone();
                self.diagnostics
                    .insert(params["uri"].as_str().unwrap().to_string(), list);
                false
            }
            Some("window/logMessage") => message["params"]["message"]
                .as_str()
                .unwrap()
                .starts_with("kientruc:"),
            Some("window/showMessage") => {
                let text = message["params"]["message"].as_str().unwrap();
                self.shown.push(text.to_string());
                false
            }
            Some(method) if message.get("id").is_some() => {
                // A request of the server's: the editor answers it.
                self.asked.push(method.to_string());
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                false
            }
            _ => false,
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.messages.recv_timeout(WAIT).expect("an answer");
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{message}");
                return message["result"].clone();
            }
            self.note(&message);
        }
    }

    /// Waits for the end of the next check, keeping the diagnostics it published.
    fn checked(&mut self) {
        loop {
            let message = self.messages.recv_timeout(WAIT).expect("a check");
            if self.note(&message) {
                return;
            }
        }
    }

    fn codes(&self, file: &Path) -> Vec<String> {
        self.diagnostics
            .get(&uri(file))
            .map(|list| {
                list.iter()
                    .map(|d| d["code"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The LSP position of the first `needle` in `text`, plus `after` characters (ASCII lines).
fn at(text: &str, needle: &str, after: usize) -> Value {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}")) + after;
    let line = text[..offset].matches('\n').count();
    let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": column})
}

#[test]
fn an_editor_sees_the_whole_model_as_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap().join("bac-lieu");
    copy_dir(Path::new(MODEL), &root);
    let chung: PathBuf = root.join("systems/chung.yaml");
    let giao_duc = root.join("systems/giao-duc.yaml");
    let original = std::fs::read_to_string(&chung).unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = ["systems/chung.yaml", "agencies.yaml", "model.yaml"]
        .iter()
        .map(|p| (root.join(p), std::fs::read(root.join(p)).unwrap()))
        .collect();

    let mut client = Client::start(&root);
    client.checked();
    // The whole model is judged at once: Bạc Liêu's known gaps appear in their own files.
    assert!(
        client
            .codes(&root.join("systems/tnmt.yaml"))
            .contains(&"DUP002".to_string())
    );
    assert!(!client.codes(&chung).contains(&"KT001".to_string()));
    let chung_uri = uri(&chung);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": chung_uri, "languageId": "yaml", "version": 1, "text": original}}),
    );
    client.checked();

    // A typo in an owner: KT001 at the reference, with the suggestion and where it is defined.
    let typo = original.replacen("owner: so-tttt", "owner: so-ttt", 1);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": chung_uri, "version": 2}, "contentChanges": [{"text": typo}]}),
    );
    client.checked();
    let list = client.diagnostics[&chung_uri].clone();
    let kt001: Vec<&Value> = list.iter().filter(|d| d["code"] == "KT001").collect();
    assert_eq!(kt001.len(), 1, "{list:?}");
    let d = kt001[0];
    let start = at(&typo, "so-ttt\n", 0);
    assert_eq!(d["range"]["start"], start);
    assert_eq!(d["range"]["end"], at(&typo, "so-ttt\n", 6));
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "kientruc");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("`so-ttt` names no agency"), "{message}");
    assert!(message.contains("did you mean `so-tttt`?"), "{message}");
    assert_eq!(d["data"]["suggestion"], "so-tttt");
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&root.join("agencies.yaml")));

    // The code action writes the suggestion in place of the typo.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": chung_uri}, "range": d["range"], "context": {"diagnostics": []}}),
    );
    assert_eq!(actions[0]["title"], "Change to `so-tttt`", "{actions}");
    assert_eq!(actions[0]["kind"], "quickfix");
    let edit = &actions[0]["edit"]["changes"][&chung_uri][0];
    assert_eq!(edit["newText"], "so-tttt");
    assert_eq!(edit["range"], d["range"]);

    // Completion at the typo offers agencies, and only agencies.
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": chung_uri}, "position": at(&typo, "so-ttt\n", 6)}),
    );
    let labels: Vec<&str> = completion["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"so-tttt"), "{labels:?}");
    assert!(labels.iter().all(|l| l.starts_with("so-ttt")), "{labels:?}");
    assert!(
        completion["items"][0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("agency — ")
    );
    // After `provides: [`, capabilities.
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": chung_uri}, "position": at(&typo, "provides: [hosting]", 11)}),
    );
    let labels: Vec<&str> = completion["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"hosting") && labels.contains(&"data-exchange"),
        "{labels:?}"
    );
    assert!(
        !labels.contains(&"dc-tinh") && !labels.contains(&"so-tttt"),
        "{labels:?}"
    );

    // Hover on a reference: what the system is and where it is defined.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": chung_uri}, "position": at(&typo, "hosted_on: dc-tinh", 13)}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    for part in [
        "**system** `dc-tinh` — Trung tâm dữ liệu tỉnh Bạc Liêu",
        "owner: `so-ttt`\n",
        "layer: infrastructure",
        "status: operational",
        "defined at: systems/chung.yaml:4:9",
    ] {
        assert!(value.contains(part), "{part} in {value}");
    }
    // Hover on a rule code: its explanation.
    let text = std::fs::read_to_string(root.join("model.yaml")).unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&root.join("model.yaml"))}, "position": at(&text, "rule: REUSE003", 8)}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("REUSE003 "), "{value}");
    assert!(value.contains("Default severity: warning"), "{value}");

    // Go to definition and find references.
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": chung_uri}, "position": at(&typo, "hosted_on: dc-tinh", 12)}),
    );
    assert_eq!(definition["uri"], chung_uri);
    assert_eq!(definition["range"]["start"], at(&typo, "dc-tinh", 0));
    let references = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": chung_uri}, "position": at(&typo, "dc-tinh", 2), "context": {"includeDeclaration": false}}),
    );
    let references = references.as_array().unwrap();
    let giao_duc_text = std::fs::read_to_string(&giao_duc).unwrap();
    assert!(
        references.iter().any(|r| r["uri"] == uri(&giao_duc)
            && r["range"]["start"] == at(&giao_duc_text, "hosted_on: dc-tinh", 11)),
        "{references:?}"
    );
    assert!(references.len() > 10, "{}", references.len());

    // Renaming a definition: the findings about other files appear in those files.
    let renamed = typo.replacen("- id: dc-tinh", "- id: dc-tinhh", 1);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": chung_uri, "version": 3}, "contentChanges": [{"text": renamed}]}),
    );
    client.checked();
    let giao_duc_uri = uri(&giao_duc);
    let elsewhere: Vec<&Value> = client.diagnostics[&giao_duc_uri]
        .iter()
        .filter(|d| d["code"] == "KT001")
        .collect();
    assert_eq!(elsewhere.len(), 2, "{elsewhere:?}");
    let message = elsewhere[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`dc-tinh` names no system of the model; did you mean `dc-tinhh`?"),
        "{message}"
    );

    // A file that does not parse: the error is shown where it is, nothing is judged.
    let broken = renamed.replacen("    layer: infrastructure", "    layer: [", 1);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": chung_uri, "version": 4}, "contentChanges": [{"text": broken}]}),
    );
    client.checked();
    assert!(!client.diagnostics[&chung_uri].is_empty());
    assert_eq!(client.diagnostics[&chung_uri][0]["severity"], 1);
    assert!(client.diagnostics[&giao_duc_uri].is_empty());

    // Fixed: the diagnostics are those of the model as it was.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": chung_uri, "version": 5}, "contentChanges": [{"text": original}]}),
    );
    client.checked();
    assert!(!client.codes(&chung).contains(&"KT001".to_string()));
    assert!(!client.codes(&giao_duc).contains(&"KT001".to_string()));
    assert!(
        client
            .codes(&root.join("systems/tnmt.yaml"))
            .contains(&"DUP002".to_string())
    );

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
    // The server never writes a model file.
    for (path, bytes) in before {
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{}", path.display());
    }
}

/// The editor opens a repository whose models lie below it (an editor that sends only
/// `rootUri`): each opened file is judged with its own model, a CI workflow beside them is not a
/// model's file, and a file changed on disk by another program is judged again.
#[test]
fn an_editor_on_a_repository_judges_each_file_with_its_own_model() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().canonicalize().unwrap();
    let bac_lieu = repo.join("models/bac-lieu");
    let ca_mau = repo.join("models/ca-mau");
    copy_dir(Path::new(MODEL), &bac_lieu);
    copy_dir(&Path::new(MODEL).with_file_name("ca-mau"), &ca_mau);
    let workflow = repo.join(".github/workflows/ci.yaml");
    std::fs::create_dir_all(workflow.parent().unwrap()).unwrap();
    let workflow_text = "name: ci\non: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n";
    std::fs::write(&workflow, workflow_text).unwrap();

    let mut client = Client::start_with(json!({
        "processId": null,
        "rootUri": uri(&repo),
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
    }));
    let open = |client: &mut Client, path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "yaml", "version": 1, "text": text}}),
        );
    };
    open(&mut client, &workflow);
    let chung = bac_lieu.join("systems/chung.yaml");
    open(&mut client, &chung);
    client.checked();
    // Only Bạc Liêu was judged: its findings in its files, nothing about the workflow or the
    // repository, no error shown.
    assert!(
        client
            .codes(&bac_lieu.join("systems/tnmt.yaml"))
            .contains(&"DUP002".to_string())
    );
    let outside: Vec<&String> = (client.diagnostics.keys())
        .filter(|u| !u.starts_with(&uri(&bac_lieu)))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
    assert!(client.shown.is_empty(), "{:?}", client.shown);
    assert!(
        client
            .asked
            .contains(&"client/registerCapability".to_string()),
        "{:?}",
        client.asked
    );
    let text = std::fs::read_to_string(&chung).unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&chung)}, "position": at(&text, "owner: so-tttt", 8)}),
    );
    let hover = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(hover.contains("`so-tttt`"), "{hover}");
    assert!(hover.contains("agencies.yaml"), "{hover}");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&workflow)}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(hover, Value::Null);

    // A file of the other model: that model is judged, in its own files.
    let ca_mau_model = ca_mau.join("model.yaml");
    open(&mut client, &ca_mau_model);
    client.checked();
    assert!(
        (client.diagnostics.keys()).any(|u| u.starts_with(&uri(&ca_mau))),
        "{:?}",
        client.diagnostics.keys()
    );
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(&chung)}, "position": at(&text, "owner: so-tttt", 8)}),
    );
    assert_eq!(definition["uri"], uri(&bac_lieu.join("agencies.yaml")));

    // Another program writes a typo into a file no editor has open: the editor reports the
    // change, and the finding appears in that file.
    let y_te = bac_lieu.join("systems/y-te.yaml");
    let original = std::fs::read_to_string(&y_te).unwrap();
    let owner = original.find("owner: ").unwrap() + "owner: ".len();
    let end = owner + original[owner..].find('\n').unwrap();
    let typo = format!("{}x{}", &original[..end], &original[end..]);
    std::fs::write(&y_te, &typo).unwrap();
    assert!(!client.codes(&y_te).contains(&"KT001".to_string()));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&y_te), "type": 2}]}),
    );
    client.checked();
    assert!(
        client.codes(&y_te).contains(&"KT001".to_string()),
        "{:?}",
        client.codes(&y_te)
    );
    assert!(!client.diagnostics.contains_key(&uri(&workflow)));

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
    assert_eq!(std::fs::read_to_string(&workflow).unwrap(), workflow_text);
}

#[test]
fn an_editor_on_a_one_file_model_sees_its_findings_in_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let model = folder.join("tinh.yaml");
    let original = std::fs::read_to_string("tests/fixtures/graph/small/model.yaml").unwrap();
    // A mistyped owner: a finding with its "did you mean".
    let text = original.replacen("owner: so-tttt", "owner: so-tttx", 1);
    assert_ne!(text, original);
    std::fs::write(&model, &text).unwrap();
    let other = folder.join("notes.yaml");
    std::fs::write(&other, "agencies: []\n").unwrap();

    let mut client = Client::start_args(
        &[std::ffi::OsStr::new("--model"), model.as_os_str()],
        json!({"processId": null, "rootUri": uri(&folder), "capabilities": {}}),
    );
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&model), "languageId": "yaml", "version": 1, "text": text}}),
    );
    client.checked();
    assert!(client.shown.is_empty(), "{:?}", client.shown);
    assert!(
        client.codes(&model).contains(&"KT001".to_string()),
        "{:?}",
        client.diagnostics
    );
    assert_eq!(
        client.diagnostics.keys().collect::<Vec<_>>(),
        vec![&uri(&model)]
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&model)}, "position": at(&text, "parent: ubnd-tinh", 9)}),
    );
    let hover = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(hover.contains("`ubnd-tinh`"), "{hover}");
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(&model)}, "position": at(&text, "parent: ubnd-tinh", 9)}),
    );
    assert_eq!(definition["uri"], uri(&model), "{definition}");
    assert_eq!(definition["range"]["start"], at(&text, "id: ubnd-tinh", 4));

    // The typo fixed in the editor: the finding goes.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&model), "version": 2}, "contentChanges": [{"text": original}]}),
    );
    client.checked();
    assert!(!client.codes(&model).contains(&"KT001".to_string()));
    // A file beside it is no part of the model: opened, it gets no diagnostics and changes
    // nothing in the model's.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&other), "languageId": "yaml", "version": 1, "text": "agencies: [{id: so-tttx}]\n"}}),
    );
    // Requests are answered in order: anything published for it comes before this answer.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&other)}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(hover, Value::Null);
    assert!(
        client
            .diagnostics
            .get(&uri(&other))
            .is_none_or(|list| list.is_empty()),
        "{:?}",
        client.diagnostics
    );
    assert!(!client.codes(&model).contains(&"KT001".to_string()));
    assert!(!client.codes(&model).contains(&"KT002".to_string()));

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
    assert_eq!(std::fs::read_to_string(&model).unwrap(), text);
}
