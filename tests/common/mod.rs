#![allow(dead_code)]
//! Readers shared by the integration tests.
pub mod dump;
pub mod word;
