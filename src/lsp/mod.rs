//! `kientruc lsp`: a language server over stdio for a model's YAML files (lsp-server, the
//! synchronous crate of rust-analyzer). It keeps the model loaded: an edit re-parses only the
//! file whose text changed ([`crate::load::ParseCache`]), judges the whole model again and
//! publishes the diagnostics of every file — a finding about another file than the one edited
//! appears in that file — and empty ones for files that no longer have any. Editors' unsaved
//! buffers are read from memory; the server never writes a file. A workspace may hold several
//! models (a repository's `models/*`): each opened file is judged with its own.

mod convert;
mod diagnostics;
mod features;
mod index;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
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
    /// The one model directory to judge; else each opened file's model is found (the nearest
    /// directory above it with `model.yaml`, up to the editor's workspace folder, else that
    /// folder).
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

/// One model the server judges: a directory (with its `model.yaml`), the open documents under
/// it, what was parsed and published.
struct Workspace {
    /// What is loaded: the model's directory, or (with `--model FILE`) its one file.
    root: PathBuf,
    /// The directory shown paths are relative to: the root, or the one file's directory (as
    /// the loader shows them).
    base: PathBuf,
    /// Open documents' texts, by shown path.
    buffers: HashMap<String, String>,
    cache: ParseCache,
    snapshot: Option<Snapshot>,
    /// What was published last, by shown path (code actions read it).
    published: BTreeMap<String, Vec<Diagnostic>>,
    dirty: bool,
}

impl Workspace {
    fn new(root: PathBuf) -> Workspace {
        let base = match root.parent() {
            Some(parent) if root.is_file() => parent.to_path_buf(),
            _ => root.clone(),
        };
        Workspace {
            root,
            base,
            buffers: HashMap::new(),
            cache: ParseCache::default(),
            snapshot: None,
            published: BTreeMap::new(),
            dirty: true,
        }
    }

    fn shown(&self, path: &Path) -> Option<String> {
        convert::shown_of(&self.base, path)
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
}

struct Server {
    settings: Settings,
    /// The editor's workspace folders (or the working directory), when `--model` is not given.
    folders: Vec<PathBuf>,
    /// The models met so far, by root directory.
    models: BTreeMap<PathBuf, Workspace>,
    /// The model of each open document (documents of no model are not listed).
    documents: HashMap<PathBuf, PathBuf>,
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
    let mut server = Server::new(settings, &params);
    if watches_files(&params) {
        register_watcher(&connection);
    }
    server.serve(&connection)?;
    drop(connection);
    threads.join().map_err(|e| e.to_string())
}

/// The editor's folders: its workspace folders, else its root (older editors send only
/// `rootUri`, or only `rootPath`).
#[allow(deprecated)]
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_to_path(&f.uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    let root = params.root_uri.as_ref().and_then(uri_to_path);
    root.or_else(|| params.root_path.as_ref().map(PathBuf::from))
        .into_iter()
        .collect()
}

/// Whether the editor can be asked to report changes of files on disk (a branch checked out, a
/// file written by another program).
fn watches_files(params: &InitializeParams) -> bool {
    let workspace = params.capabilities.workspace.as_ref();
    workspace
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
}

/// Asks the editor to report changes of the YAML files on disk.
fn register_watcher(connection: &Connection) {
    let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String("**/*.{yaml,yml}".into()),
            kind: None,
        }],
    };
    let params = lsp_types::RegistrationParams {
        registrations: vec![lsp_types::Registration {
            id: "kientruc-yaml-files".into(),
            method: note::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    send(
        connection,
        Message::Request(Request::new(
            "kientruc-watch".to_string().into(),
            req::RegisterCapability::METHOD.into(),
            params,
        )),
    );
}

/// The top-level keys a model file may hold.
const MODEL_KEYS: [&str; 8] = [
    "model",
    "agencies",
    "capabilities",
    "data",
    "systems",
    "projects",
    "rules",
    "waivers",
];

/// Whether `text` reads like a file of a model: some top-level key, and every top-level key
/// one of a model's (a CI workflow or a compose file beside the model is not).
fn looks_like_model_file(text: &str) -> bool {
    let mut keys = text
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once(':').map(|(key, _)| key.trim()))
        .peekable();
    keys.peek().is_some() && keys.all(|key| MODEL_KEYS.contains(&key))
}

/// Whether `dir` holds a model's `model.yaml` (or `model.yml`).
fn holds_model_file(dir: &Path) -> bool {
    dir.join("model.yaml").is_file() || dir.join("model.yml").is_file()
}

impl Server {
    fn new(settings: Settings, params: &InitializeParams) -> Server {
        let mut models = BTreeMap::new();
        let mut folders = Vec::new();
        match &settings.model {
            Some(model) => {
                let root = model.canonicalize().unwrap_or_else(|_| model.clone());
                models.insert(root.clone(), Workspace::new(root));
            }
            None => {
                folders = workspace_folders(params);
                if folders.is_empty() {
                    folders.extend(std::env::current_dir().ok());
                }
                for folder in &mut folders {
                    if let Ok(canonical) = folder.canonicalize() {
                        *folder = canonical;
                    }
                }
                // A folder that is a model is judged at once; models below a folder (a
                // repository's `models/bac-lieu`) when one of their files is opened.
                for folder in &folders {
                    if holds_model_file(folder) {
                        models.insert(folder.clone(), Workspace::new(folder.clone()));
                    }
                }
            }
        }
        Server {
            settings,
            folders,
            models,
            documents: HashMap::new(),
        }
    }

    /// The model a file belongs to: with `--model`, that one; else the nearest directory above
    /// the file, up to its workspace folder, that holds `model.yaml`; else the workspace folder,
    /// when the file reads like a model's (`text`: the file's text, when known).
    fn model_of(&self, path: &Path, text: Option<&str>) -> Option<PathBuf> {
        if self.settings.model.is_some() {
            return self
                .models
                .keys()
                .find(|root| path.starts_with(root))
                .cloned();
        }
        if let Some(root) = self.documents.get(path) {
            return Some(root.clone());
        }
        let folder = self
            .folders
            .iter()
            .filter(|folder| path.starts_with(folder))
            .max_by_key(|folder| folder.components().count());
        for dir in path.ancestors().skip(1) {
            if self.models.contains_key(dir) || holds_model_file(dir) {
                return Some(dir.to_path_buf());
            }
            if folder.is_some_and(|folder| dir == folder) {
                break;
            }
        }
        let folder = folder?;
        let text = match text {
            Some(text) => std::borrow::Cow::Borrowed(text),
            None => std::borrow::Cow::Owned(std::fs::read_to_string(path).ok()?),
        };
        looks_like_model_file(&text).then(|| folder.clone())
    }

    /// The model of a document and its shown path there.
    fn place(&self, uri: &Uri) -> Option<(&Workspace, String)> {
        let path = uri_to_path(uri)?;
        let workspace = self.models.get(&self.model_of(&path, None)?)?;
        let shown = workspace.shown(&path)?;
        Some((workspace, shown))
    }

    fn serve(&mut self, connection: &Connection) -> Result<(), String> {
        loop {
            // Edits that arrive together are judged once, after the last of them.
            let dirty = self.models.values().any(|w| w.dirty);
            let message = if dirty {
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
                    if dirty {
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

    /// Keeps the text of an open document (`None`: closed, the file on disk is the truth again).
    fn buffer(&mut self, uri: &Uri, text: Option<String>) {
        let Some(path) = uri_to_path(uri) else { return };
        let Some(root) = self.model_of(&path, text.as_deref()) else {
            return;
        };
        let workspace = self
            .models
            .entry(root.clone())
            .or_insert_with(|| Workspace::new(root.clone()));
        let Some(shown) = workspace.shown(&path) else {
            return;
        };
        workspace.dirty = true;
        match text {
            Some(text) => {
                workspace.buffers.insert(shown, text);
                self.documents.insert(path, root);
            }
            None => {
                workspace.buffers.remove(&shown);
                self.documents.remove(&path);
            }
        }
    }

    fn notified(&mut self, notification: Notification) {
        let params = notification.params;
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                {
                    self.buffer(&p.text_document.uri, Some(p.text_document.text));
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.buffer(&p.text_document.uri, Some(change.text));
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                {
                    self.buffer(&p.text_document.uri, None);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
                {
                    self.touched(&p.text_document.uri);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params)
                {
                    for change in &p.changes {
                        self.touched(&change.uri);
                    }
                }
            }
            _ => {}
        }
    }

    /// A file changed on disk: the models it lies in are judged again.
    fn touched(&mut self, uri: &Uri) {
        let path = uri_to_path(uri);
        for workspace in self.models.values_mut() {
            if path.as_ref().is_none_or(|p| p.starts_with(&workspace.root)) {
                workspace.dirty = true;
            }
        }
    }

    /// Judges every model that changed.
    fn recheck(&mut self, connection: &Connection) {
        for workspace in self.models.values_mut() {
            if workspace.dirty {
                workspace.recheck(connection, &self.settings);
            }
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
        /// The document's model, its last good snapshot, the shown path, the text and the
        /// position's byte offset.
        fn at<'a>(
            server: &'a Server,
            doc: &lsp_types::TextDocumentPositionParams,
        ) -> Option<(&'a Workspace, &'a Snapshot, String, String, usize)> {
            let (workspace, shown) = server.place(&doc.text_document.uri)?;
            let text = workspace.text_of(&shown);
            let offset = convert::offset(&text, doc.position);
            let snapshot = workspace.snapshot.as_ref()?;
            Some((workspace, snapshot, shown, text, offset))
        }
        match request.method.as_str() {
            req::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = params(request)?;
                let answer = at(self, &p.text_document_position_params).and_then(
                    |(_, snapshot, shown, text, offset)| {
                        features::hover(snapshot, &shown, &text, offset, lang)
                    },
                );
                json(serde_json::to_value(answer))
            }
            req::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = params(request)?;
                let answer = at(self, &p.text_document_position_params).and_then(
                    |(workspace, snapshot, shown, _, offset)| {
                        features::definition(snapshot, &workspace.base, &shown, offset)
                    },
                );
                json(serde_json::to_value(answer))
            }
            req::References::METHOD => {
                let p: lsp_types::ReferenceParams = params(request)?;
                let with = p.context.include_declaration;
                let answer = at(self, &p.text_document_position).map(
                    |(workspace, snapshot, shown, _, offset)| {
                        features::references(snapshot, &workspace.base, &shown, offset, with)
                    },
                );
                json(serde_json::to_value(answer))
            }
            req::Completion::METHOD => {
                let p: lsp_types::CompletionParams = params(request)?;
                let doc = &p.text_document_position;
                let answer = self
                    .place(&doc.text_document.uri)
                    .and_then(|(workspace, shown)| {
                        let text = workspace.text_of(&shown);
                        let snapshot = workspace.snapshot.as_ref()?;
                        features::completion(snapshot, &text, doc.position, lang)
                    });
                json(serde_json::to_value(answer))
            }
            req::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = params(request)?;
                let uri = p.text_document.uri;
                let actions = self
                    .place(&uri)
                    .and_then(|(workspace, shown)| workspace.published.get(&shown))
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

impl Workspace {
    /// Loads (re-parsing only changed files) and judges the model, and publishes diagnostics.
    fn recheck(&mut self, connection: &Connection, settings: &Settings) {
        self.dirty = false;
        let started = Instant::now();
        let catalogues = match crate::load::national::installed() {
            Ok(catalogues) => catalogues,
            Err(failure) => return self.publish(connection, self.issues(failure, settings)),
        };
        let loaded = crate::load::load_model_live(
            &self.root,
            catalogues,
            settings.framework,
            &self.buffers,
            &mut self.cache,
        );
        let loading = started.elapsed();
        let mut judging = std::time::Duration::ZERO;
        let (diagnostics, files) = match loaded {
            Ok(loaded) => {
                let before = Instant::now();
                let options = crate::Options {
                    today: settings.today,
                    framework: settings.framework,
                };
                let findings: Vec<Finding> = crate::judge(&loaded, &options).findings;
                judging = before.elapsed();
                let diagnostics =
                    diagnostics::of_findings(&self.base, &loaded.sources, &findings, settings.lang);
                let files = loaded.sources.model_files();
                self.snapshot = Some(Snapshot::new(loaded));
                (diagnostics, files)
            }
            Err(failure) => (
                self.issues(&failure, settings),
                failure.sources.model_files(),
            ),
        };
        self.publish(connection, diagnostics);
        let message = format!(
            "kientruc: {}: {files} files ({} parsed), load {} ms, judge {} ms, {} ms",
            crate::text::printable(&self.root.to_string_lossy()),
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

    fn issues(
        &self,
        failure: &LoadFailure,
        settings: &Settings,
    ) -> BTreeMap<String, Vec<Diagnostic>> {
        diagnostics::of_issues(&self.base, &failure.sources, &failure.issues, settings.lang)
    }

    /// Publishes each file's diagnostics, and empty ones for the files that had some before.
    /// What belongs to no file under the model (the model directory itself) is shown as a
    /// message.
    fn publish(&mut self, connection: &Connection, diagnostics: BTreeMap<String, Vec<Diagnostic>>) {
        let mut now = BTreeMap::new();
        for (shown, list) in diagnostics {
            let path = self.base.join(&shown);
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
                && let Some(uri) = path_to_uri(&self.base.join(shown))
            {
                publish(connection, uri, Vec::new());
            }
        }
        self.published = now;
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
