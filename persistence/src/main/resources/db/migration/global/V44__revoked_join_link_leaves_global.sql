-- Data regions (issue 18): revoked join links name their visit, so they belong to the visit's regional store (regional
-- V17 makes the table there). The global table is renamed, not dropped: regional V18 (a Java migration) copies each
-- link whose visit is in that regional store from here, and the application drops this table once every regional store
-- has run V18 (OpenVisitDatabase). Renamed rather than kept under its name because on PostgreSQL without regional URLs
-- the regional stores are this very database, where regional V17 makes a table of that name.
ALTER TABLE revoked_join_link RENAME TO revoked_join_link_leaving;
