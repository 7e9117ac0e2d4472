//! The simulator seen from an end-to-end test — what the screen claims is checked against the
//! API — and small helpers for reading what the program wrote to the terminal.

use std::io::{Read, Write};
use std::net::TcpStream;

use genius::api::{ApiRequest, ApiToken, Client, ClientConfig, Contact, Identifier, Lookup};

use super::pty::Simulator;

/// The simulator's API seen from the test, to check what the screen claims.
pub struct Api {
    runtime: tokio::runtime::Runtime,
    client: Client,
    base_url: String,
}

impl Api {
    /// `host:port` of the simulator.
    fn address(&self) -> String {
        self.base_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    }

    pub fn new(sim: &Simulator) -> Api {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let client = Client::new(ClientConfig::new(
            sim.base_url.clone(),
            ApiToken::new("demo-token"),
        ))
        .expect("a client");
        Api {
            runtime,
            client,
            base_url: sim.base_url.clone(),
        }
    }

    /// Looks `who` up; an empty list when there is no such contact.
    pub fn lookup(&self, who: Identifier) -> Vec<Contact> {
        let answer = self
            .runtime
            .block_on(self.client.send(&ApiRequest::get(&who), None));
        match answer {
            Ok(success) => match serde_json::from_value::<Lookup>(success.data) {
                Ok(lookup) => lookup.into_listed_contacts(),
                Err(e) => panic!("the lookup's answer: {e}"),
            },
            Err(e) if e.status() == Some(404) => Vec::new(),
            Err(e) => panic!("looking up {who}: {e}"),
        }
    }

    /// The contact `uid` as the simulator has it now.
    pub fn contact(&self, uid: &str) -> Contact {
        let answer = self.runtime.block_on(
            self.client
                .send(&ApiRequest::get(&Identifier::Uid(uid.into())), None),
        );
        let data = answer.unwrap_or_else(|e| panic!("{uid}: {e}")).data;
        match serde_json::from_value::<Lookup>(data).map(Lookup::into_whole) {
            Ok(Some(contact)) => contact,
            _ => panic!("{uid} is not one contact in the simulator"),
        }
    }

    /// Sets the simulator's fault mode: "none", "error500" or "hang".
    pub fn fault(&self, mode: &str) {
        let address = self
            .base_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let body = format!("{{\"mode\": \"{mode}\"}}");
        let request = format!(
            "POST /__sim/fault HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mut stream = TcpStream::connect(&address).expect("the simulator accepts");
        stream
            .write_all(request.as_bytes())
            .expect("the fault is sent");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(
            answer.starts_with("HTTP/1.1 2"),
            "the fault was refused: {answer}"
        );
    }

    /// How many API requests the demo token has made (`GET /__sim/stats`).
    pub fn requests(&self) -> u64 {
        let request = format!(
            "GET /__sim/stats HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address()
        );
        let mut stream = TcpStream::connect(self.address()).expect("the simulator accepts");
        stream
            .write_all(request.as_bytes())
            .expect("the request is sent");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
        let stats: serde_json::Value = serde_json::from_str(body).expect("stats are JSON");
        stats["requests"].as_u64().expect("a request count")
    }
}

/// True when `haystack` holds `needle`'s bytes.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// Where `needle` first appears in `haystack`.
pub fn first_position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Where `needle` last appears in `haystack`.
pub fn last_position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// What keys send to a terminal program.
pub mod sequences {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const BACKSPACE: &str = "\x7f";
    pub const CTRL_A: &str = "\x01";
    pub const CTRL_S: &str = "\x13";
    pub const CTRL_U: &str = "\x15";
    pub const F2: &str = "\x1bOQ";
    pub const F3: &str = "\x1bOR";
}
