//! Who is on the other end: the client's address, and what the log may say about an account name.
//!
//! The address is the TCP peer's, unless the peer is a proxy the operator trusts
//! (`serve --trusted-proxy ADDR`): then it is the last address in `X-Forwarded-For` that is not
//! a trusted proxy — the one our proxy saw. A client that is not a trusted proxy cannot choose its
//! address by sending the header (security review M3).

use std::net::{IpAddr, SocketAddr};

use axum::Extension;
use axum::extract::ConnectInfo;
use axum::http::HeaderMap;

use crate::AppState;

/// The peer, as axum gives it to handlers when the server records it.
pub(crate) type Peer = Option<Extension<ConnectInfo<SocketAddr>>>;

/// The client's address, as text for the limits and the log: `unknown` when the server does
/// not record peers (tests through the router without a socket).
pub(crate) fn address(state: &AppState, peer: &Peer, headers: &HeaderMap) -> String {
    let Some(Extension(ConnectInfo(peer))) = peer else { return "unknown".into() };
    let mut address = peer.ip();
    if state.trusted_proxies.contains(&address) {
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        for hop in forwarded.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(ip) if state.trusted_proxies.contains(&ip) => address = ip,
                Ok(ip) => {
                    address = ip;
                    break;
                }
                // Not an address our proxy wrote: stop at the last one we could trust.
                Err(_) => break,
            }
        }
    }
    address.to_string()
}

/// What the log says of an account name: a keyed hash (under the pseudonym key), so an operator
/// can tell one name from another and see an attack on one account, but not read the name or
/// find it by trying names.
pub(crate) fn name_hash(state: &AppState, name: &str) -> String {
    let keyed = state.pseudonymiser.pseudonym(&format!("account-name\u{0}{}", name.trim().to_lowercase()));
    keyed.trim_start_matches("P-").to_owned()
}
