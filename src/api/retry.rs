//! When and how long to wait before retrying a request the server rate-limited (429): exponential
//! backoff with full jitter, or the server's `Retry-After` (capped) when it sends one.

use std::time::Duration;

/// How a rate-limited request is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: u32,
    /// The backoff ceiling of the first retry; doubled each time.
    pub base_delay: Duration,
    /// The largest backoff ceiling.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; a longer one is shortened to this.
    pub retry_after_cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            retry_after_cap: Duration::from_secs(60),
        }
    }
}

/// A wait about to happen, reported so a UI can say "rate-limited, retrying in 3 s".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryWait {
    /// Which retry this wait precedes (1 for the first).
    pub retry: u32,
    /// The retries allowed in all.
    pub max_retries: u32,
    /// How long the client will wait before retrying.
    pub wait: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based), given the server's `Retry-After` if any.
    /// `unit_random` is a number in [0, 1) — injected so the computation is testable.
    pub fn wait_before(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        unit_random: f64,
    ) -> Duration {
        let unit_random = unit_random.clamp(0.0, 1.0);
        if let Some(asked) = retry_after {
            // Honour the server, and spread clients that were told the same second a little.
            let jitter = self.base_delay.mul_f64(unit_random * 0.25);
            return asked.min(self.retry_after_cap) + jitter;
        }
        let exponent = retry.saturating_sub(1).min(20);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        ceiling.mul_f64(unit_random)
    }
}

/// Reads a `Retry-After` header value given in seconds (the HTTP-date form is not used by this API).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let trimmed = value.trim();
    if let Ok(secs) = trimmed.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    trimmed
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(86_400.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_ceiling_with_full_jitter() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.wait_before(1, None, 0.999_999),
            Duration::from_millis(500).mul_f64(0.999_999)
        );
        assert_eq!(
            policy.wait_before(3, None, 0.5),
            Duration::from_millis(1000)
        );
        assert_eq!(policy.wait_before(30, None, 0.5), Duration::from_secs(15));
        assert_eq!(policy.wait_before(2, None, 0.0), Duration::ZERO);
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.wait_before(1, Some(Duration::from_secs(3)), 0.0),
            Duration::from_secs(3)
        );
        assert_eq!(
            policy.wait_before(1, Some(Duration::from_secs(3600)), 0.0),
            Duration::from_secs(60)
        );
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
