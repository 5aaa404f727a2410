//! What the detector reads: the header, the portal's metadata, the body and its blocks.

use super::blocks::Block;
use super::chunks::Chunk;
use super::header::Header;
use super::portal::Portal;
use crate::data::Catalog;
use crate::markdown::citations::CitationFinder;

/// Everything the detector looks at.
pub struct Inputs<'a> {
    pub header: &'a Header,
    pub portal: &'a Portal,
    /// Body chunks (after the header).
    pub body: &'a [Chunk],
    pub blocks: &'a [Block],
    pub catalog: &'a Catalog,
    pub finder: &'a CitationFinder,
}
