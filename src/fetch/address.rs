//! Where an address points: the public internet, or this machine and its networks. A fetch
//! goes only to public addresses unless the user allows more (RFC 8725bis section 3.10: a
//! key URL must not become a way into internal hosts, SSRF).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What kind of address an IP is, as far as the fetch rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddrClass {
    /// Reachable on the internet.
    Public,
    /// This machine (127.0.0.0/8, ::1).
    Loopback,
    /// A private network (10/8, 172.16/12, 192.168/16, 100.64/10 shared).
    Private,
    /// Link-local (169.254/16, fe80::/10): cloud metadata services live here.
    LinkLocal,
    /// IPv6 unique-local (fc00::/7) or the old site-local (fec0::/10).
    UniqueLocal,
    /// Not a destination: unspecified, broadcast, multicast, documentation or reserved.
    NotADestination,
}

impl AddrClass {
    /// In words, for messages: "a loopback address".
    pub fn words(self) -> &'static str {
        match self {
            AddrClass::Public => "a public address",
            AddrClass::Loopback => "a loopback address (this machine)",
            AddrClass::Private => "a private-network address",
            AddrClass::LinkLocal => "a link-local address (where cloud metadata services answer)",
            AddrClass::UniqueLocal => "a unique-local address",
            AddrClass::NotADestination => {
                "an address that is no destination (unspecified, broadcast, multicast or reserved)"
            }
        }
    }
}

/// The class of `ip`. IPv4 carried in IPv6 (mapped, compatible, NAT64, 6to4) is judged by
/// the IPv4 address it carries.
pub fn classify(ip: IpAddr) -> AddrClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> AddrClass {
    let [a, b, _, _] = ip.octets();
    if ip.is_loopback() {
        AddrClass::Loopback
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        AddrClass::Private
    } else if ip.is_link_local() {
        AddrClass::LinkLocal
    } else if a == 0
        || a >= 224
        || ip.is_broadcast()
        || ip.is_documentation()
        || (a == 192 && b == 0)
        || (a == 198 && (18..20).contains(&b))
    {
        AddrClass::NotADestination
    } else {
        AddrClass::Public
    }
}

fn classify_v6(ip: Ipv6Addr) -> AddrClass {
    let s = ip.segments();
    let [s0, s1, ..] = s;
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    // ::a.b.c.d (deprecated compatible form) and NAT64 64:ff9b::/96 carry an IPv4 address.
    let carried = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if let [0, 0, 0, 0, 0, 0, hi, lo] = s
        && hi != 0
    {
        return classify_v4(carried(hi, lo));
    }
    if let [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] = s {
        return classify_v4(carried(hi, lo));
    }
    if s0 == 0x2002 {
        let [_, hi, lo, ..] = s;
        return classify_v4(carried(hi, lo));
    }
    if ip.is_loopback() {
        AddrClass::Loopback
    } else if s0 & 0xffc0 == 0xfe80 {
        AddrClass::LinkLocal
    } else if s0 & 0xfe00 == 0xfc00 || s0 & 0xffc0 == 0xfec0 {
        AddrClass::UniqueLocal
    } else if ip.is_unspecified() || ip.is_multicast() || (s0 == 0x2001 && s1 == 0xdb8) {
        AddrClass::NotADestination
    } else {
        AddrClass::Public
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_apart() {
        let cases = [
            ("8.8.8.8", AddrClass::Public),
            ("127.0.0.1", AddrClass::Loopback),
            ("127.9.9.9", AddrClass::Loopback),
            ("10.1.2.3", AddrClass::Private),
            ("172.16.0.1", AddrClass::Private),
            ("172.31.255.255", AddrClass::Private),
            ("172.32.0.1", AddrClass::Public),
            ("192.168.1.1", AddrClass::Private),
            ("100.64.0.1", AddrClass::Private),
            ("169.254.169.254", AddrClass::LinkLocal),
            ("0.0.0.0", AddrClass::NotADestination),
            ("255.255.255.255", AddrClass::NotADestination),
            ("224.0.0.1", AddrClass::NotADestination),
            ("::1", AddrClass::Loopback),
            ("::", AddrClass::NotADestination),
            ("fe80::1", AddrClass::LinkLocal),
            ("fd00::1", AddrClass::UniqueLocal),
            ("fc00::1", AddrClass::UniqueLocal),
            ("::ffff:127.0.0.1", AddrClass::Loopback),
            ("::ffff:169.254.169.254", AddrClass::LinkLocal),
            ("::127.0.0.1", AddrClass::Loopback),
            ("64:ff9b::10.0.0.1", AddrClass::Private),
            ("2002:c0a8:0101::1", AddrClass::Private),
            ("2001:db8::1", AddrClass::NotADestination),
            ("2606:4700::1111", AddrClass::Public),
        ];
        for (text, want) in cases {
            let ip: IpAddr = text.parse().unwrap();
            assert_eq!(classify(ip), want, "{text}");
        }
    }
}
