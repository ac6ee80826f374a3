//! Pure JWT logic: no window, no dialogs, no clock reads. Everything the window and the
//! command line do with tokens and keys goes through here.

pub mod alg;
pub mod attacks;
pub mod b64;
pub mod cite;
pub mod claims;
pub mod error;
pub mod files;
pub mod findings;
pub mod json;
pub mod jwe;
pub mod jws_json;
pub mod keys;
pub mod members;
pub mod profiles;
pub mod recipes;
pub mod sdjwt;
pub mod sign;
pub mod strict;
pub mod structure;
pub mod text;
pub mod token;
pub mod verify;
pub mod workbench;
