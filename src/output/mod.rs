//! Stage 6: the output folder, sitemap, robots.txt, feeds, open data and link checks.

pub mod broken;
pub mod calendar;
pub mod external;
pub mod feeds;
pub mod file;
pub mod links;
pub mod opendata;
pub mod plan_data;
pub mod sitemap;
pub mod write;
