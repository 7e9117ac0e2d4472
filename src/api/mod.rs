//! The Contact API client: typed models, the notes timeline, errors, retries and the HTTP client.
//! It knows nothing of any user interface.

pub mod client;
pub mod documented;
pub mod envelope;
pub mod error;
mod json_text;
pub mod lookup;
pub mod model;
pub mod notes;
pub mod phone;
pub mod reply;
pub mod request;
pub mod retry;
pub mod time_zones;
pub mod token;
mod transport;

pub use client::{ApiSuccess, Client, ClientConfig, DEFAULT_BASE_URL, SharedRetryObserver};
pub use documented::Documented;
pub use error::{ApiError, ErrorKind};
pub use lookup::{ContactSummary, Lookup};
pub use model::{
    Contact, ContactChange, ContactPatch, DeletedContact, Identifier, IdentifierError, NewContact,
};
pub use notes::{EntrySpan, NoteEntry, NoteTimeline, entry_spans};
pub use phone::{PhoneError, PhoneNumber, Region};
pub use reply::{Expected, Reply};
pub use request::{ApiRequest, HttpMethod, Operation};
pub use retry::{DEFAULT_MAX_WAIT, RetryPolicy, RetryWait};
pub use token::ApiToken;
