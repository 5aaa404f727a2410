//! Stage 6: the output folder, sitemap and robots.txt.

pub mod sitemap;
pub mod write;
pub mod links;
