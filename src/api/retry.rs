//! When and how long to wait before retrying a request the server rate-limited (429): exponential
//! backoff with full jitter, or the server's `Retry-After` (seconds or an HTTP date, capped) when it
//! sends one; and the budget that bounds all the waiting one command may do.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// The rate-limit wait a command accepts, in all, when nothing says otherwise.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(60);

/// The longest `--max-wait` (or a profile's `max_wait`) accepted: an hour.
pub const LONGEST_MAX_WAIT: Duration = Duration::from_secs(3600);

/// The most a `Retry-After` is believed, before the policy's own cap: a day.
const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(86_400);

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
    /// The longest the client waits on rate limits summed over every request it sends in its life
    /// (its clones share the sum). `None`: only `max_retries` bounds the waiting of each request.
    pub max_total_wait: Option<Duration>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            retry_after_cap: Duration::from_secs(60),
            max_total_wait: None,
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
    /// The policy of a one-shot command: time is the bound (`max_wait` of waiting in all), and the
    /// retry count is only there to stop a server that keeps saying "retry now" from being hammered.
    pub fn for_command(max_wait: Duration) -> RetryPolicy {
        RetryPolicy {
            max_retries: 20,
            max_total_wait: Some(max_wait),
            ..RetryPolicy::default()
        }
    }

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

/// What is left of a client's rate-limit waiting budget, shared by its clones.
#[derive(Debug)]
pub struct WaitBudget {
    limit: Duration,
    spent: Mutex<Duration>,
}

impl WaitBudget {
    /// A budget of `limit` in all, nothing spent.
    pub fn new(limit: Duration) -> WaitBudget {
        WaitBudget {
            limit,
            spent: Mutex::new(Duration::ZERO),
        }
    }

    /// Grants as much of `wanted` as is left (and counts it spent); `None` once nothing is left.
    pub fn take(&self, wanted: Duration) -> Option<Duration> {
        let mut spent = self
            .spent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let left = self.limit.saturating_sub(*spent);
        if left.is_zero() {
            return None;
        }
        let granted = wanted.min(left);
        *spent += granted;
        Some(granted)
    }

    /// The waiting done so far.
    pub fn spent(&self) -> Duration {
        *self
            .spent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Reads a `Retry-After` header value: delay-seconds, or an HTTP date (IMF-fixdate, or the obsolete
/// RFC 850 and asctime forms) taken relative to now. A date in the past means "retry at once".
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    parse_retry_after_at(value, SystemTime::now())
}

/// [`parse_retry_after`] with the current time given, so it can be tested.
pub fn parse_retry_after_at(value: &str, now: SystemTime) -> Option<Duration> {
    let trimmed = value.trim();
    if let Ok(secs) = trimmed.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(LONGEST_RETRY_AFTER));
    }
    if let Some(secs) = trimmed
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
    {
        return Some(Duration::from_secs_f64(
            secs.min(LONGEST_RETRY_AFTER.as_secs_f64()),
        ));
    }
    let at = httpdate::parse_http_date(trimmed).ok()?;
    let wait = at.duration_since(now).unwrap_or(Duration::ZERO);
    Some(wait.min(LONGEST_RETRY_AFTER))
}

/// A rate-limit bound given in seconds (`--max-wait`, `GENIUS_MAX_WAIT`, a profile's `max_wait`),
/// or why it is not one.
pub fn max_wait_from_seconds(seconds: f64) -> Result<Duration, String> {
    if seconds.is_finite() && seconds >= 0.0 && seconds <= LONGEST_MAX_WAIT.as_secs_f64() {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err(format!(
            "give the longest rate-limit wait as seconds from 0 to {}",
            LONGEST_MAX_WAIT.as_secs()
        ))
    }
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
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn an_http_date_is_a_wait_from_now_and_a_past_date_is_no_wait() {
        // Wed, 21 Oct 2015 07:28:00 GMT
        let date = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let value = "Wed, 21 Oct 2015 07:28:00 GMT";
        let ten_before = date - Duration::from_secs(10);
        assert_eq!(
            parse_retry_after_at(value, ten_before),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after_at(value, date + Duration::from_secs(5)),
            Some(Duration::ZERO)
        );
        // The obsolete forms a recipient must still accept.
        assert_eq!(
            parse_retry_after_at("Wednesday, 21-Oct-15 07:28:00 GMT", ten_before),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after_at("Wed Oct 21 07:28:00 2015", ten_before),
            Some(Duration::from_secs(10))
        );
        let next_year = date - Duration::from_secs(365 * 86_400);
        assert_eq!(
            parse_retry_after_at(value, next_year),
            Some(LONGEST_RETRY_AFTER)
        );
    }

    #[test]
    fn a_budget_grants_what_is_left_then_nothing() {
        let budget = WaitBudget::new(Duration::from_secs(5));
        assert_eq!(
            budget.take(Duration::from_secs(3)),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            budget.take(Duration::from_secs(3)),
            Some(Duration::from_secs(2))
        );
        assert_eq!(budget.take(Duration::from_secs(1)), None);
        assert_eq!(budget.spent(), Duration::from_secs(5));
        assert!(max_wait_from_seconds(-1.0).is_err());
        assert!(max_wait_from_seconds(f64::NAN).is_err());
        assert_eq!(max_wait_from_seconds(1.5), Ok(Duration::from_millis(1500)));
    }
}
