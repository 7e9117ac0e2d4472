//! The account profiles of the config file as the profile switcher lists them, and the host a
//! base URL points at (for the title line and the switcher).

/// One account profile as the switcher lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileEntry {
    pub name: String,
    /// Where it points (the host, for the list).
    pub base_url: String,
    pub read_only: bool,
}

/// The host of a base URL (`https://user@Example.com:8443/api` → `example.com`); the text as it
/// is when it has no host.
pub fn host_of(base_url: &str) -> String {
    let Some((_, after_scheme)) = base_url.split_once("://") else {
        return base_url.to_string();
    };
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if host_and_port.starts_with('[') {
        // An IPv6 literal keeps its brackets; the port follows the closing one.
        match host_and_port.split_once(']') {
            Some((inside, _)) => format!("{inside}]"),
            None => host_and_port.to_string(),
        }
    } else {
        host_and_port
            .split_once(':')
            .map_or(host_and_port, |(host, _)| host)
            .to_string()
    };
    if host.is_empty() {
        base_url.to_string()
    } else {
        host.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_base_urls() {
        assert_eq!(
            host_of("https://contact-api.8mgenius.com.br"),
            "contact-api.8mgenius.com.br"
        );
        assert_eq!(host_of("http://127.0.0.1:9"), "127.0.0.1");
        assert_eq!(
            host_of("https://ana@Example.COM:8443/api?x=1"),
            "example.com"
        );
        assert_eq!(host_of("http://[::1]:8080/"), "[::1]");
        assert_eq!(host_of("not a url"), "not a url");
    }
}
