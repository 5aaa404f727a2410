//! Stage 6: the output folder, sitemap, robots.txt, feeds, open data and link checks.

pub mod file;
pub mod sitemap;
pub mod write;
pub mod links;
pub mod feeds;
pub mod opendata;
pub mod external;
