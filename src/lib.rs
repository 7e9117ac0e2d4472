//! genius: a terminal client for the 8M Genius Contact API, its simulator, and its command line.
#![forbid(unsafe_code)]
