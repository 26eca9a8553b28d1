-- Admin commands on the catalog and stock share the exactly-once bookkeeping of order changes.
ALTER TABLE processed_commands ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE processed_commands ADD COLUMN product_id bigint;
ALTER TABLE processed_commands ALTER COLUMN outcome DROP NOT NULL;
