//! Files that collect records all through an export (a term goes to the shard its hash names):
//! held in memory up to a budget, then set aside in the build's scratch file.

use crate::output::file::{OutputFile, Put};
use crate::stash::SpillFile;
use std::sync::Arc;

/// Bytes all shards hold in memory before they are set aside.
const BUDGET: usize = 16 << 20;

/// A set of shard files `{prefix}{k}.bin`.
pub struct Shards {
    prefix: &'static str,
    held: Vec<Vec<u8>>,
    /// Pieces set aside in the scratch file, per shard, in order: offset and length.
    pieces: Vec<Vec<(u64, usize)>>,
    bytes: usize,
    spill: Option<Arc<SpillFile>>,
}

impl Shards {
    /// `count` empty shards named `{prefix}{k}.bin`.
    pub fn new(prefix: &'static str, count: usize, spill: Option<Arc<SpillFile>>) -> Shards {
        Shards {
            prefix,
            held: vec![Vec::new(); count],
            pieces: vec![Vec::new(); count],
            bytes: 0,
            spill,
        }
    }

    /// Number of shards.
    pub fn count(&self) -> usize {
        self.held.len()
    }

    /// Appends `record` to shard `k`.
    pub fn push(&mut self, k: usize, record: &[u8]) -> std::io::Result<()> {
        self.held[k].extend_from_slice(record);
        self.bytes += record.len();
        if self.bytes > BUDGET
            && let Some(spill) = &self.spill
        {
            for (held, pieces) in self.held.iter_mut().zip(&mut self.pieces) {
                if !held.is_empty() {
                    pieces.push((spill.append(held)?, held.len()));
                    held.clear();
                }
            }
            self.bytes = 0;
        }
        Ok(())
    }

    /// Writes every shard (empty ones too: the client may ask for any) through `put`, feeding
    /// `hash` each file's bytes in order.
    pub fn write(self, put: &Put<'_>, hash: &mut u32) -> std::io::Result<()> {
        for (k, (mut held, pieces)) in self.held.into_iter().zip(self.pieces).enumerate() {
            let mut bytes =
                Vec::with_capacity(pieces.iter().map(|p| p.1).sum::<usize>() + held.len());
            if let Some(spill) = &self.spill {
                for (at, len) in pieces {
                    bytes.extend_from_slice(&spill.read(at, len)?);
                }
            }
            bytes.append(&mut held);
            *hash = super::fnv1a_bytes(*hash, &bytes);
            put(OutputFile::site_file(format!("search/{}{k}.bin", self.prefix), bytes))?;
        }
        Ok(())
    }
}

/// Appends `v` to `out` as a LEB128 varint.
pub fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
