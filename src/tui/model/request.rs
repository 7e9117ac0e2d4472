//! The name of one API request, from the moment the app asks for it until its reply comes back.
//! Screens keep it (the save they wait for, the refresh in flight) so a reply that is no longer
//! awaited — a superseded lookup, a screen that was left — is recognised and dropped.

/// Names one API request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}
