-- Demo products for the local stack; safe to run on every start.
INSERT INTO inventory.products (id, name, price, on_hand, reserved, low_stock_threshold)
OVERRIDING SYSTEM VALUE
VALUES
  (1, 'Mechanical keyboard', 89.90, 50, 0, 10),
  (2, 'Wireless mouse', 24.50, 120, 0, 20),
  (3, '27-inch monitor', 229.00, 15, 0, 5),
  (4, 'USB-C hub', 39.99, 8, 0, 10),
  (5, 'Noise-cancelling headphones', 149.00, 30, 0, 10)
ON CONFLICT (id) DO NOTHING;

-- Products created later through the API get ids after the demo ones.
SELECT setval(pg_get_serial_sequence('inventory.products', 'id'),
              (SELECT max(id) FROM inventory.products));
