//! `--rate-limit N`: a token bucket per API token (N requests per second, bursts of up to N). A
//! request that finds the bucket empty is answered 429 RATE_LIMITED with `Retry-After` in whole
//! seconds; every answer carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

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
    refilled_at: Instant,
}

/// Token buckets keyed by API token.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    /// A limiter allowing `per_second` requests per second per token (0 is taken as 1).
    pub fn new(per_second: u32) -> Self {
        RateLimiter {
            per_second: per_second.max(1),
            buckets: Mutex::default(),
        }
    }

    /// Takes one request from `key`'s bucket, if there is one to take, at time `now`.
    pub fn check(&self, key: &str, now: Instant) -> Decision {
        let rate = f64::from(self.per_second);
        let mut buckets = match self.buckets.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let bucket = buckets.entry(key.to_string()).or_insert(Bucket {
            tokens: rate,
            refilled_at: now,
        });
        let elapsed = now
            .saturating_duration_since(bucket.refilled_at)
            .as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(rate);
        bucket.refilled_at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Decision {
                allowed: true,
                limit: self.per_second,
                remaining: bucket.tokens.floor() as u32,
                retry_after_secs: 0,
            }
        } else {
            let wait = (1.0 - bucket.tokens) / rate;
            Decision {
                allowed: false,
                limit: self.per_second,
                remaining: 0,
                retry_after_secs: (wait.ceil() as u64).max(1),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bursts_up_to_the_limit_then_refills_with_time() {
        let limiter = RateLimiter::new(3);
        let start = Instant::now();
        let remaining: Vec<u32> = (0..3)
            .map(|_| limiter.check("t", start))
            .inspect(|d| assert!(d.allowed))
            .map(|d| d.remaining)
            .collect();
        assert_eq!(remaining, vec![2, 1, 0]);
        let refused = limiter.check("t", start);
        assert!(!refused.allowed);
        assert_eq!(refused.retry_after_secs, 1);
        // Another token has its own bucket.
        assert!(limiter.check("other", start).allowed);
        // A third of a second later one request is back.
        assert!(
            limiter
                .check("t", start + Duration::from_millis(334))
                .allowed
        );
        assert!(
            !limiter
                .check("t", start + Duration::from_millis(334))
                .allowed
        );
    }
}
