//! The async client of the Contact API: one shared `reqwest::Client` (connection reuse), timeouts on
//! connect and on the whole request, redirects never followed, each answer read into one buffer and
//! checked against what the reference documents for the request — decoded straight into its typed
//! answer (`reply`), or unwrapped as a JSON value for printing (`envelope`, `documented`) — and 429
//! answers retried with backoff, within a waiting budget, while each wait is reported to whoever is
//! listening.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::{AUTHORIZATION, HeaderMap, LOCATION, RETRY_AFTER};
use serde_json::Value;

use super::documented::check_reply;
use super::error::ApiError;
use super::lookup::Lookup;
use super::model::{Contact, ContactChange, ContactPatch, DeletedContact, Identifier, NewContact};
use super::reply::{Expected, FromReply, Reply, decode_reply};
use super::request::{ApiRequest, HttpMethod};
use super::retry::{RetryPolicy, RetryWait, WaitBudget, parse_retry_after};
use super::token::ApiToken;

pub use super::envelope::{decode_data, decode_envelope};

/// The production base URL.
pub const DEFAULT_BASE_URL: &str = "https://contact-api.8mgenius.com.br";

/// How a [`Client`] connects.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub base_url: String,
    pub token: ApiToken,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl ClientConfig {
    /// Sane defaults: 5 s to connect, 20 s for a whole request, the default retry policy.
    pub fn new(base_url: impl Into<String>, token: ApiToken) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            token,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            retry: RetryPolicy::default(),
        }
    }
}

/// A body this long or longer is decoded on a blocking thread.
const DECODED_ON_THIS_THREAD: usize = 256 * 1024;

/// The most bytes reserved up front for a body from its Content-Length; a longer body still
/// arrives whole, the buffer growing as it comes.
const LARGEST_PRESIZED_BODY: u64 = 64 * 1024 * 1024;

/// An HTTP answer, read whole: its status and body.
struct Answer {
    status: reqwest::StatusCode,
    body: Vec<u8>,
}

/// A successful answer: the envelope's `message` and its `data`, undecoded.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiSuccess {
    pub status: u16,
    pub message: String,
    pub data: Value,
}

/// Something that wants to hear about each rate-limit wait (borrowed for the duration of one call).
pub type RetryObserver<'a> = dyn Fn(RetryWait) + Send + Sync + 'a;

/// A [`RetryObserver`] a client keeps, for the calls that bring none of their own.
pub type SharedRetryObserver = Arc<dyn Fn(RetryWait) + Send + Sync>;

/// The Contact API client. Cheap to clone; clones share connections.
#[derive(Clone)]
pub struct Client {
    http: super::transport::LazyHttp,
    base_url: reqwest::Url,
    token: ApiToken,
    retry: RetryPolicy,
    /// What is left of `retry.max_total_wait`, shared by clones.
    wait_budget: Option<Arc<WaitBudget>>,
    /// Told of each wait when the call itself brings no observer.
    default_observer: Option<SharedRetryObserver>,
    request_timeout: Duration,
    rate_limit_headers: Arc<Mutex<Vec<(String, String)>>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url.as_str())
            .field("token", &self.token)
            .finish()
    }
}

impl Client {
    /// Makes a client. Fails only on a base URL that is not an http(s) URL. Loads nothing: the
    /// connection pool (and for https the system's certificates) is built by the first request.
    pub fn new(config: ClientConfig) -> Result<Client, ApiError> {
        // reqwest is built without a default crypto provider; ring is ours. Installing twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut base_url = reqwest::Url::parse(config.base_url.trim()).map_err(|e| {
            ApiError::Setup(format!(
                "the base URL {:?} is not valid: {e}",
                config.base_url
            ))
        })?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(ApiError::Setup(format!(
                "the base URL {:?} must start with http:// or https://",
                config.base_url
            )));
        }
        if !base_url.path().ends_with('/') {
            let path = format!("{}/", base_url.path());
            base_url.set_path(&path);
        }
        let http = super::transport::LazyHttp::new(
            base_url.scheme(),
            config.connect_timeout,
            config.request_timeout,
        );
        Ok(Client {
            http,
            base_url,
            token: config.token,
            retry: config.retry,
            wait_budget: config
                .retry
                .max_total_wait
                .map(|limit| Arc::new(WaitBudget::new(limit))),
            default_observer: None,
            request_timeout: config.request_timeout,
            rate_limit_headers: Arc::default(),
        })
    }

    /// This client, telling `observer` of each rate-limit wait of the calls that bring no observer.
    pub fn with_rate_limit_observer(mut self, observer: SharedRetryObserver) -> Client {
        self.default_observer = Some(observer);
        self
    }

    /// This client (sharing its connections) retrying by `policy`, with a waiting budget of its own.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Client {
        self.retry = policy;
        self.wait_budget = policy
            .max_total_wait
            .map(|limit| Arc::new(WaitBudget::new(limit)));
        self
    }

    /// True once the first request built the connection pool (start-up builds none).
    pub fn connections_started(&self) -> bool {
        self.http.is_built()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.base_url.as_str()
    }

    /// The rate-limit headers (`X-RateLimit-*`, `RateLimit-*`, `Retry-After`) of the latest answer that had any.
    pub fn rate_limit_headers(&self) -> Vec<(String, String)> {
        self.rate_limit_headers
            .lock()
            .map(|h| h.clone())
            .unwrap_or_default()
    }

    /// Sends a request, retrying 429s, and returns the envelope's message and raw `data` — only when
    /// the server said `"success": true` and `data` has the shape documented for this request.
    /// (For printing the server's own JSON; [`Client::send_reply`] decodes without that value.)
    pub async fn send(
        &self,
        request: &ApiRequest,
        observer: Option<&RetryObserver<'_>>,
    ) -> Result<ApiSuccess, ApiError> {
        let answer = self.answer(request, observer).await?;
        let write = request.operation.is_write();
        let success = decode_envelope(answer.status, &answer.body, write)?;
        drop(answer);
        check_reply(request, &success.data)
            .map_err(|what| ApiError::Undocumented { what, write })?;
        Ok(success)
    }

    /// Sends a request, retrying 429s, and decodes its answer straight from the body into what the
    /// reference documents for it (the same checks as [`Client::send`]). A large body is decoded on
    /// a blocking thread, so a runtime on one thread keeps answering keys meanwhile.
    pub async fn send_reply(
        &self,
        request: &ApiRequest,
        observer: Option<&RetryObserver<'_>>,
    ) -> Result<Reply, ApiError> {
        let answer = self.answer(request, observer).await?;
        let expected = Expected::of(request);
        if answer.body.len() < DECODED_ON_THIS_THREAD {
            return decode_reply(answer.status, answer.body, &expected);
        }
        tokio::task::spawn_blocking(move || decode_reply(answer.status, answer.body, &expected))
            .await
            .map_err(|_| ApiError::Setup("the reply could not be decoded".to_string()))?
    }

    /// The answer to `request` that is neither a 429 (retried) nor a redirect (an error).
    async fn answer(
        &self,
        request: &ApiRequest,
        observer: Option<&RetryObserver<'_>>,
    ) -> Result<Answer, ApiError> {
        let observer = observer.or(self.default_observer.as_deref());
        let mut retry = 0;
        loop {
            match self.send_once(request).await {
                Err(Attempt::RateLimited { retry_after }) => {
                    if retry >= self.retry.max_retries {
                        return Err(ApiError::RateLimited {
                            attempts: retry + 1,
                            retry_after,
                        });
                    }
                    retry += 1;
                    let planned = self.retry.wait_before(retry, retry_after, fastrand::f64());
                    let wait = match &self.wait_budget {
                        Some(budget) => match budget.take(planned) {
                            Some(granted) => granted,
                            None => {
                                return Err(ApiError::RateLimitWaitExceeded {
                                    waited: budget.spent(),
                                });
                            }
                        },
                        None => planned,
                    };
                    if let Some(observe) = observer {
                        observe(RetryWait {
                            retry,
                            max_retries: self.retry.max_retries,
                            wait,
                        });
                    }
                    tracing::info!(
                        path = request.path,
                        retry,
                        wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                        "rate-limited, waiting"
                    );
                    tokio::time::sleep(wait).await;
                }
                Err(Attempt::Failed(error)) => return Err(error),
                Ok(answer) => return Ok(answer),
            }
        }
    }

    async fn send_once(&self, request: &ApiRequest) -> Result<Answer, Attempt> {
        let url = self
            .base_url
            .join(request.path.trim_start_matches('/'))
            .map_err(|e| Attempt::Failed(ApiError::Setup(format!("bad request path: {e}"))))?;
        let method = match request.method {
            HttpMethod::Get => reqwest::Method::GET,
            HttpMethod::Post => reqwest::Method::POST,
            HttpMethod::Put => reqwest::Method::PUT,
            HttpMethod::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .http
            .get()
            .map_err(Attempt::Failed)?
            .request(method.clone(), url.clone())
            .header(AUTHORIZATION, format!("Bearer {}", self.token.expose()));
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        if let Some(body) = &request.body {
            builder = builder.json(body);
        }
        let started = Instant::now();
        let mut response = builder
            .send()
            .await
            .map_err(|e| Attempt::Failed(self.transport_error(&e, request)))?;
        let status = response.status();
        let headers = response.headers().clone();
        self.remember_rate_limit_headers(&headers);
        // Gathered into one buffer sized by Content-Length (within reason), so a big body is never
        // held twice, as chunks and as their copy in one piece.
        let expected_len = response.content_length().unwrap_or(0);
        let mut body = Vec::with_capacity(
            usize::try_from(expected_len.min(LARGEST_PRESIZED_BODY)).unwrap_or(0),
        );
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| Attempt::Failed(self.transport_error(&e, request)))?
        {
            body.extend_from_slice(&chunk);
        }
        tracing::debug!(
            method = %method,
            path = request.path,
            status = status.as_u16(),
            latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "api request"
        );
        if status.as_u16() == 429 {
            let retry_after = headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            return Err(Attempt::RateLimited { retry_after });
        }
        if status.is_redirection() {
            let location = headers.get(LOCATION).and_then(|v| v.to_str().ok());
            return Err(Attempt::Failed(super::envelope::redirect_error(
                status,
                location,
                &url,
                request.path,
            )));
        }
        Ok(Answer { status, body })
    }

    fn transport_error(&self, error: &reqwest::Error, request: &ApiRequest) -> ApiError {
        let write = request.operation.is_write();
        // Only the innermost cause is shown: the URL (with an email or phone in its query) never is.
        let cause = root_cause(error);
        if error.is_timeout() {
            let connect_only = error.is_connect();
            return ApiError::Timeout {
                after: self.request_timeout,
                maybe_applied: write && !connect_only,
            };
        }
        let host = self.base_url.host_str().unwrap_or("the server").to_string();
        if error.is_connect() {
            return ApiError::Network {
                message: format!("cannot reach {host}: {cause}"),
                maybe_applied: false,
            };
        }
        ApiError::Network {
            message: format!("the connection to {host} failed: {cause}"),
            maybe_applied: write,
        }
    }

    fn remember_rate_limit_headers(&self, headers: &HeaderMap) {
        let seen: Vec<(String, String)> = headers
            .iter()
            .filter(|(name, _)| {
                let name = name.as_str();
                name.starts_with("x-ratelimit")
                    || name.starts_with("ratelimit")
                    || name == "retry-after"
            })
            .map(|(name, value)| {
                (
                    name.as_str().to_string(),
                    value.to_str().unwrap_or("?").to_string(),
                )
            })
            .collect();
        if !seen.is_empty()
            && let Ok(mut slot) = self.rate_limit_headers.lock()
        {
            *slot = seen;
        }
    }

    async fn send_typed<T: FromReply>(&self, request: ApiRequest) -> Result<T, ApiError> {
        let reply = self.send_reply(&request, None).await?;
        T::from_reply(reply).map_err(|what| ApiError::Undocumented { what, write: false })
    }

    /// POST /api/contact. The answer carries the new uid and the identifying fields.
    pub async fn create(&self, contact: &NewContact) -> Result<Contact, ApiError> {
        self.send_typed(ApiRequest::create(contact)).await
    }

    /// GET /api/contact by uid, email or phone: one contact, or several when an email or phone is shared.
    pub async fn get(&self, who: &Identifier) -> Result<Lookup, ApiError> {
        self.send_typed(ApiRequest::get(who)).await
    }

    /// GET /api/contact?uid= : the whole contact, as one match of several is fetched. An answer
    /// that is not one contact with that uid is [`ApiError::Undocumented`].
    pub async fn get_whole(&self, uid: &str) -> Result<Contact, ApiError> {
        self.send_typed(ApiRequest::get(&Identifier::Uid(uid.to_string())))
            .await
    }

    /// PUT /api/contact with only the fields given; answers the whole updated contact.
    pub async fn update(&self, patch: &ContactPatch) -> Result<Contact, ApiError> {
        self.send_typed(ApiRequest::update(patch)).await
    }

    /// DELETE /api/contact?uid=
    pub async fn delete(&self, uid: &str) -> Result<DeletedContact, ApiError> {
        self.send_typed(ApiRequest::delete(uid)).await
    }

    /// POST /api/contact/tag/add
    pub async fn add_tag(&self, who: &Identifier, tag: &str) -> Result<ContactChange, ApiError> {
        self.send_typed(ApiRequest::add_tag(who, tag)).await
    }

    /// POST /api/contact/note/add
    pub async fn add_note(&self, who: &Identifier, note: &str) -> Result<ContactChange, ApiError> {
        self.send_typed(ApiRequest::add_note(who, note)).await
    }

    /// PUT /api/contact/stage
    pub async fn change_stage(
        &self,
        who: &Identifier,
        stage: &str,
    ) -> Result<ContactChange, ApiError> {
        self.send_typed(ApiRequest::change_stage(who, stage)).await
    }

    /// PUT /api/contact/quality
    pub async fn change_quality(
        &self,
        who: &Identifier,
        quality: &str,
    ) -> Result<ContactChange, ApiError> {
        self.send_typed(ApiRequest::change_quality(who, quality))
            .await
    }

    /// PUT /api/contact/owner; the answer names the new owner (`ownerName`).
    pub async fn change_owner(
        &self,
        who: &Identifier,
        owner_email: &str,
    ) -> Result<ContactChange, ApiError> {
        self.send_typed(ApiRequest::change_owner(who, owner_email))
            .await
    }
}

/// The outcome of one try.
enum Attempt {
    RateLimited { retry_after: Option<Duration> },
    Failed(ApiError),
}

/// The innermost cause of a transport error, without the URL (which may carry an email or phone).
fn root_cause(error: &reqwest::Error) -> String {
    let mut cause = None;
    let mut source = std::error::Error::source(error);
    while let Some(next) = source {
        cause = Some(next.to_string());
        source = next.source();
    }
    cause.unwrap_or_else(|| "connection error".to_string())
}
