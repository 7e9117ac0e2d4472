//! Client-side pacing of bulk requests: each request takes the next free slot of a schedule spaced
//! 1/rate apart (a token bucket holding one token), so the account's limit is met without bursts.
//! A 429 pushes the schedule back by the wait the server asked for and lowers the rate by a fifth
//! (once per burst of 429s, not once per request that was in flight); each success wins a little of
//! it back. A limit the server advertises (`X-RateLimit-Limit`) lower than the configured one caps it:
//! the pace is only ever lowered by what the server says, never raised (its window may not be a second).

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The schedule itself, with time passed in so it can be tested without waiting.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// The configured limit, requests per second.
    limit: f64,
    /// The current pace, at most `limit`.
    rate: f64,
    /// The earliest instant the next request may start.
    next: Instant,
    /// Until then, further 429s (from requests already in flight) do not lower the rate again.
    calm_until: Instant,
}

impl Schedule {
    /// A schedule of `limit` requests per second, starting at `now`.
    pub fn new(limit: u32, now: Instant) -> Schedule {
        let limit = f64::from(limit.max(1));
        Schedule {
            limit,
            rate: limit,
            next: now,
            calm_until: now,
        }
    }

    /// Takes the next slot at or after `now` and returns when it starts.
    pub fn reserve(&mut self, now: Instant) -> Instant {
        let slot = self.next.max(now);
        self.next = slot + Duration::from_secs_f64(1.0 / self.rate);
        slot
    }

    /// The server said 429: nothing starts before `now + wait`, and the pace drops by a fifth.
    pub fn throttled(&mut self, now: Instant, wait: Duration) {
        self.next = self.next.max(now + wait);
        if now >= self.calm_until {
            self.rate = (self.rate * 0.8).max(1.0_f64.min(self.limit));
            self.calm_until = now + wait + Duration::from_secs(1);
        }
    }

    /// The server advertised its limit: a lower one caps the pace from now on.
    pub fn advertised(&mut self, per_second: u32) {
        let advertised = f64::from(per_second.max(1));
        if advertised < self.limit {
            self.limit = advertised;
            self.rate = self.rate.min(advertised);
        }
    }

    /// A request went through: the pace recovers by 1% of the limit.
    pub fn succeeded(&mut self) {
        self.rate = (self.rate + self.limit * 0.01).min(self.limit);
    }

    /// The current pace in requests per second.
    pub fn rate(&self) -> f64 {
        self.rate
    }
}

/// A [`Schedule`] shared by every worker of a run.
#[derive(Debug)]
pub struct Pacer {
    schedule: Mutex<Schedule>,
}

impl Pacer {
    /// Paces at `limit` requests per second.
    pub fn new(limit: u32) -> Pacer {
        Pacer {
            schedule: Mutex::new(Schedule::new(limit, Instant::now())),
        }
    }

    /// Waits for this request's slot.
    pub async fn acquire(&self) {
        let slot = match self.schedule.lock() {
            Ok(mut schedule) => schedule.reserve(Instant::now()),
            Err(_) => Instant::now(),
        };
        tokio::time::sleep_until(slot.into()).await;
    }

    /// Reports a 429 and the wait before its retry.
    pub fn throttled(&self, wait: Duration) {
        if let Ok(mut schedule) = self.schedule.lock() {
            schedule.throttled(Instant::now(), wait);
        }
    }

    /// Reports the limit the server advertised.
    pub fn advertised(&self, per_second: u32) {
        if let Ok(mut schedule) = self.schedule.lock() {
            schedule.advertised(per_second);
        }
    }

    /// Reports a request that was not rate-limited.
    pub fn succeeded(&self) {
        if let Ok(mut schedule) = self.schedule.lock() {
            schedule.succeeded();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_spaced_evenly_and_never_bunch_after_idle_time() {
        let start = Instant::now();
        let mut schedule = Schedule::new(20, start);
        let slots: Vec<Duration> = (0..3).map(|_| schedule.reserve(start) - start).collect();
        assert_eq!(
            slots,
            vec![
                Duration::ZERO,
                Duration::from_millis(50),
                Duration::from_millis(100)
            ]
        );
        // After a pause, requests do not burst to catch up.
        let later = start + Duration::from_secs(10);
        assert_eq!(schedule.reserve(later), later);
        assert_eq!(schedule.reserve(later), later + Duration::from_millis(50));
    }

    #[test]
    fn a_429_pushes_the_schedule_back_and_slows_down_then_recovers() {
        let start = Instant::now();
        let mut schedule = Schedule::new(10, start);
        schedule.throttled(start, Duration::from_secs(2));
        assert_eq!(schedule.reserve(start), start + Duration::from_secs(2));
        assert!((schedule.rate() - 8.0).abs() < 1e-9);
        // The other requests of the same burst do not cut the rate again.
        schedule.throttled(start + Duration::from_millis(10), Duration::from_secs(1));
        assert!((schedule.rate() - 8.0).abs() < 1e-9);
        for _ in 0..100 {
            schedule.succeeded();
        }
        assert!((schedule.rate() - 10.0).abs() < 1e-9);
        schedule.advertised(50);
        assert!((schedule.rate() - 10.0).abs() < 1e-9);
        schedule.advertised(4);
        assert!((schedule.rate() - 4.0).abs() < 1e-9);
        let mut slow = Schedule::new(1, start);
        slow.throttled(start, Duration::ZERO);
        assert!((slow.rate() - 1.0).abs() < 1e-9);
    }
}
