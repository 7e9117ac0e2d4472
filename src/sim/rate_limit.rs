//! `--rate-limit N`: a token bucket per account (N requests per second, bursts of up to N). Only
//! requests that passed authentication reach it, so there is one bucket per account of the loaded
//! file and never one for a made-up token. A request that finds the bucket empty is answered 429
//! RATE_LIMITED with `Retry-After` in whole seconds; every answer carries `X-RateLimit-Limit` and
//! `X-RateLimit-Remaining`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The verdict on one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// True when the request may proceed.
    pub allowed: bool,
    /// The limit (requests per second), for `X-RateLimit-Limit`.
    pub limit: u32,
    /// Whole requests left in the bucket after this one, for `X-RateLimit-Remaining`.
    pub remaining: u32,
    /// When refused: seconds until a request would be allowed (at least 1).
    pub retry_after_secs: u64,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    /// `None` until the first request: the bucket starts full.
    refilled_at: Option<Instant>,
}

/// Token buckets, one per account.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: u32,
    buckets: Vec<Mutex<Bucket>>,
}

impl RateLimiter {
    /// A limiter allowing `per_second` requests per second (0 is taken as 1) to each of `accounts`.
    pub fn new(per_second: u32, accounts: usize) -> Self {
        let per_second = per_second.max(1);
        let full = Bucket {
            tokens: f64::from(per_second),
            refilled_at: None,
        };
        RateLimiter {
            per_second,
            buckets: (0..accounts).map(|_| Mutex::new(full)).collect(),
        }
    }

    /// Takes one request from the bucket of account `account`, if there is one to take, at time
    /// `now`. An account the limiter was not built for is refused outright.
    pub fn check(&self, account: usize, now: Instant) -> Decision {
        let rate = f64::from(self.per_second);
        let Some(slot) = self.buckets.get(account) else {
            return Decision {
                allowed: false,
                limit: self.per_second,
                remaining: 0,
                retry_after_secs: 1,
            };
        };
        let mut bucket = match slot.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let refilled_at = bucket.refilled_at.unwrap_or(now);
        let elapsed = now.saturating_duration_since(refilled_at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(rate);
        bucket.refilled_at = Some(now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Decision {
                allowed: true,
                limit: self.per_second,
                remaining: whole_tokens(bucket.tokens),
                retry_after_secs: 0,
            }
        } else {
            let wait = (1.0 - bucket.tokens) / rate;
            Decision {
                allowed: false,
                limit: self.per_second,
                remaining: 0,
                retry_after_secs: Duration::try_from_secs_f64(wait.ceil())
                    .map_or(1, |wait| wait.as_secs().max(1)),
            }
        }
    }
}

/// The whole requests a bucket holds.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a bucket holds 0 to per_second (a u32) tokens, and a float-to-int `as` saturates"
)]
fn whole_tokens(tokens: f64) -> u32 {
    tokens.floor() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bursts_up_to_the_limit_then_refills_with_time() {
        let limiter = RateLimiter::new(3, 2);
        let start = Instant::now();
        let remaining: Vec<u32> = (0..3)
            .map(|_| limiter.check(0, start))
            .inspect(|d| assert!(d.allowed))
            .map(|d| d.remaining)
            .collect();
        assert_eq!(remaining, vec![2, 1, 0]);
        let refused = limiter.check(0, start);
        assert!(!refused.allowed);
        assert_eq!(refused.retry_after_secs, 1);
        // Another account has its own bucket; one the limiter does not know has none.
        assert!(limiter.check(1, start).allowed);
        assert!(!limiter.check(2, start).allowed);
        // A third of a second later one request is back.
        assert!(limiter.check(0, start + Duration::from_millis(334)).allowed);
        assert!(!limiter.check(0, start + Duration::from_millis(334)).allowed);
    }
}
