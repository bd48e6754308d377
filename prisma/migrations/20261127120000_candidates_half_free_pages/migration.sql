-- A policy change re-derives the verdict columns of every candidate of a dataset. At fillfactor 90
-- most of those updates found no room on their page: each then wrote a new row version elsewhere plus
-- an entry in all three indexes, and B-tree bottom-up deletion ran on full leaf pages at every step
-- (~25 % of the writers' CPU). With half of each page free the new version stays on the page (HOT):
-- no index entries at all. This costs disk space (the table is about twice as large) and some import
-- time for faster policy changes (measured in the closing note of session 6). Applies to pages
-- written from now on (existing rows are not moved).
ALTER TABLE "candidates" SET (fillfactor = 50);
