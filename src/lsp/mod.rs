//! `kientruc lsp`: a language server over stdio for a model's YAML files (lsp-server, the
//! synchronous crate of rust-analyzer). It keeps the model loaded: an edit re-parses only the
//! file whose text changed ([`crate::load::ParseCache`]), judges the whole model again and
//! publishes the diagnostics of every file — a finding about another file than the one edited
//! appears in that file — and empty ones for files that no longer have any. Editors' unsaved
//! buffers are read from memory; the server never writes a file.

mod convert;
mod diagnostics;
mod features;
mod index;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, Diagnostic, HoverProviderCapability,
    InitializeParams, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use crate::finding::Finding;
use crate::i18n::Lang;
use crate::load::{Catalogue, LoadFailure, Loaded, ParseCache};
use crate::source::Sources;

pub use convert::{path_to_uri, uri_to_path};
use index::Index;

/// How the server judges and speaks.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    pub today: NaiveDate,
    pub framework: Option<&'static Catalogue>,
    /// The model directory; else the editor's workspace folder, else the working directory.
    pub model: Option<PathBuf>,
}

/// The last model that loaded, with its index: hover, definition, references and completion
/// read it (while a file is half-typed and does not load, they answer from the last good one).
pub struct Snapshot {
    loaded: Loaded,
    /// Built at the first request that needs it, not after every edit.
    index: std::cell::OnceCell<Index>,
    files: HashMap<String, u32>,
}

impl Snapshot {
    fn new(loaded: Loaded) -> Snapshot {
        let files = loaded
            .sources
            .iter()
            .filter(|(_, f)| !f.national)
            .map(|(id, f)| (f.path.clone(), id))
            .collect();
        Snapshot {
            loaded,
            index: std::cell::OnceCell::new(),
            files,
        }
    }
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.loaded.model))
    }
    fn sources(&self) -> &Sources {
        &self.loaded.sources
    }
    fn file(&self, shown: &str) -> Option<u32> {
        self.files.get(shown).copied()
    }
}

struct Server {
    settings: Settings,
    root: PathBuf,
    /// Open documents' texts, by shown path.
    buffers: HashMap<String, String>,
    cache: ParseCache,
    snapshot: Option<Snapshot>,
    /// What was published last, by shown path (code actions read it).
    published: BTreeMap<String, Vec<Diagnostic>>,
    dirty: bool,
}

/// Runs the server on stdin and stdout until the editor says `exit`.
pub fn run(settings: Settings) -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "[".into(), ",".into(), "-".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection
        .initialize(capabilities)
        .map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let root = settings
        .model
        .clone()
        .or_else(|| workspace_root(&params))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let root = root.canonicalize().unwrap_or(root);
    let mut server = Server {
        settings,
        root,
        buffers: HashMap::new(),
        cache: ParseCache::default(),
        snapshot: None,
        published: BTreeMap::new(),
        dirty: true,
    };
    server.serve(&connection)?;
    drop(connection);
    threads.join().map_err(|e| e.to_string())
}

#[allow(deprecated)] // `root_uri`: older editors send only it.
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref()?.first().map(|f| &f.uri);
    folder.or(params.root_uri.as_ref()).and_then(uri_to_path)
}

impl Server {
    fn serve(&mut self, connection: &Connection) -> Result<(), String> {
        loop {
            // Edits that arrive together are judged once, after the last of them.
            let message = if self.dirty {
                match connection.receiver.try_recv() {
                    Ok(message) => message,
                    Err(error) if error.is_empty() => {
                        self.recheck(connection);
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            } else {
                match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    if self.dirty {
                        self.recheck(connection);
                    }
                    let response = self.answer(request);
                    send(connection, Message::Response(response));
                }
                Message::Notification(notification) => self.notified(notification),
                Message::Response(_) => {}
            }
        }
    }

    fn shown(&self, uri: &Uri) -> Option<String> {
        convert::shown_of(&self.root, &uri_to_path(uri)?)
    }

    fn notified(&mut self, notification: Notification) {
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(
                    notification.params,
                ) && let Some(shown) = self.shown(&p.text_document.uri)
                {
                    self.buffers.insert(shown, p.text_document.text);
                    self.dirty = true;
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(
                    notification.params,
                ) && let Some(shown) = self.shown(&p.text_document.uri)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.buffers.insert(shown, change.text);
                    self.dirty = true;
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(
                    notification.params,
                ) && let Some(shown) = self.shown(&p.text_document.uri)
                {
                    // The file on disk is the truth again.
                    self.buffers.remove(&shown);
                    self.dirty = true;
                }
            }
            note::DidSaveTextDocument::METHOD | note::DidChangeWatchedFiles::METHOD => {
                self.dirty = true;
            }
            _ => {}
        }
    }

    /// Loads (re-parsing only changed files) and judges the model, and publishes diagnostics.
    fn recheck(&mut self, connection: &Connection) {
        self.dirty = false;
        let started = Instant::now();
        let catalogues = match crate::load::national::installed() {
            Ok(catalogues) => catalogues,
            Err(failure) => return self.publish(connection, self.issues(failure)),
        };
        let loaded = crate::load::load_model_live(
            &self.root,
            catalogues,
            self.settings.framework,
            &self.buffers,
            &mut self.cache,
        );
        let loading = started.elapsed();
        let mut judging = std::time::Duration::ZERO;
        let (diagnostics, files) = match loaded {
            Ok(loaded) => {
                let before = Instant::now();
                let options = crate::Options {
                    today: self.settings.today,
                    framework: self.settings.framework,
                };
                let findings: Vec<Finding> = crate::judge(&loaded, &options).findings;
                judging = before.elapsed();
                let diagnostics = diagnostics::of_findings(
                    &self.root,
                    &loaded.sources,
                    &findings,
                    self.settings.lang,
                );
                let files = loaded.sources.model_files();
                self.snapshot = Some(Snapshot::new(loaded));
                (diagnostics, files)
            }
            Err(failure) => (self.issues(&failure), failure.sources.model_files()),
        };
        self.publish(connection, diagnostics);
        let message = format!(
            "kientruc: {files} files ({} parsed), load {} ms, judge {} ms, {} ms",
            self.cache.parsed,
            loading.as_millis(),
            judging.as_millis(),
            started.elapsed().as_millis()
        );
        send(
            connection,
            Message::Notification(Notification::new(
                note::LogMessage::METHOD.to_string(),
                lsp_types::LogMessageParams {
                    typ: lsp_types::MessageType::LOG,
                    message,
                },
            )),
        );
    }

    fn issues(&self, failure: &LoadFailure) -> BTreeMap<String, Vec<Diagnostic>> {
        diagnostics::of_issues(
            &self.root,
            &failure.sources,
            &failure.issues,
            self.settings.lang,
        )
    }

    /// Publishes each file's diagnostics, and empty ones for the files that had some before.
    /// What belongs to no file under the model (the model directory itself) is shown as a
    /// message.
    fn publish(&mut self, connection: &Connection, diagnostics: BTreeMap<String, Vec<Diagnostic>>) {
        let mut now = BTreeMap::new();
        for (shown, list) in diagnostics {
            let path = self.root.join(&shown);
            if path.is_file()
                && let Some(uri) = path_to_uri(&path)
            {
                publish(connection, uri, list.clone());
                now.insert(shown, list);
            } else {
                for d in list {
                    send(
                        connection,
                        Message::Notification(Notification::new(
                            note::ShowMessage::METHOD.to_string(),
                            lsp_types::ShowMessageParams {
                                typ: lsp_types::MessageType::ERROR,
                                message: format!("{shown}: {}", d.message),
                            },
                        )),
                    );
                }
            }
        }
        for shown in self.published.keys() {
            if !now.contains_key(shown)
                && let Some(uri) = path_to_uri(&self.root.join(shown))
            {
                publish(connection, uri, Vec::new());
            }
        }
        self.published = now;
    }

    fn text_of(&self, shown: &str) -> String {
        match self.buffers.get(shown) {
            Some(text) => text.clone(),
            None => self
                .snapshot
                .as_ref()
                .and_then(|s| Some(s.sources().get(s.file(shown)?).text.clone()))
                .unwrap_or_default(),
        }
    }

    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match self.answer_json(request) {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn answer_json(&mut self, request: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        fn params<T: serde::de::DeserializeOwned>(
            request: Request,
        ) -> Result<T, (ErrorCode, String)> {
            serde_json::from_value(request.params)
                .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let json = |value: serde_json::Result<serde_json::Value>| {
            value.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        let lang = self.settings.lang;
        let at = |server: &Server, doc: &lsp_types::TextDocumentPositionParams| {
            let shown = server.shown(&doc.text_document.uri)?;
            let text = server.text_of(&shown);
            let offset = convert::offset(&text, doc.position);
            Some((shown, text, offset))
        };
        match request.method.as_str() {
            req::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = params(request)?;
                let answer =
                    at(self, &p.text_document_position_params).and_then(|(shown, text, offset)| {
                        features::hover(self.snapshot.as_ref()?, &shown, &text, offset, lang)
                    });
                json(serde_json::to_value(answer))
            }
            req::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = params(request)?;
                let answer =
                    at(self, &p.text_document_position_params).and_then(|(shown, _, offset)| {
                        features::definition(self.snapshot.as_ref()?, &self.root, &shown, offset)
                    });
                json(serde_json::to_value(answer))
            }
            req::References::METHOD => {
                let p: lsp_types::ReferenceParams = params(request)?;
                let answer = at(self, &p.text_document_position).map(|(shown, _, offset)| {
                    self.snapshot.as_ref().map_or_else(Vec::new, |s| {
                        let with = p.context.include_declaration;
                        features::references(s, &self.root, &shown, offset, with)
                    })
                });
                json(serde_json::to_value(answer))
            }
            req::Completion::METHOD => {
                let p: lsp_types::CompletionParams = params(request)?;
                let doc = &p.text_document_position;
                let answer = self.shown(&doc.text_document.uri).and_then(|shown| {
                    let text = self.text_of(&shown);
                    features::completion(self.snapshot.as_ref()?, &text, doc.position, lang)
                });
                json(serde_json::to_value(answer))
            }
            req::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = params(request)?;
                let uri = p.text_document.uri;
                let actions = self
                    .shown(&uri)
                    .and_then(|shown| self.published.get(&shown))
                    .map(|list| features::code_actions(&uri, list, p.range, lang))
                    .unwrap_or_default();
                json(serde_json::to_value(actions))
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("kientruc lsp does not answer {method}"),
            )),
        }
    }
}

fn publish(connection: &Connection, uri: Uri, diagnostics: Vec<Diagnostic>) {
    send(
        connection,
        Message::Notification(Notification::new(
            note::PublishDiagnostics::METHOD.to_string(),
            PublishDiagnosticsParams::new(uri, diagnostics, None),
        )),
    );
}

fn send(connection: &Connection, message: Message) {
    // The editor has gone when the channel is closed; the loop ends at the next receive.
    let _ = connection.sender.send(message);
}
