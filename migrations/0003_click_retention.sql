-- Raw clicks are pruned after the retention period (the daily rollups keep their counts); this index lets
-- the daily job find old clicks without scanning the table.
CREATE INDEX clicks_created ON clicks(created_at);
-- Attributed clicks are kept for good; the job skips them through this index.
CREATE INDEX customers_click ON customers(click_id) WHERE click_id IS NOT NULL;
