//! The commands of the binary, one file each; each returns the exit code it decides.

pub mod build;
pub mod import;
pub mod new;
pub mod report;
pub mod search;
