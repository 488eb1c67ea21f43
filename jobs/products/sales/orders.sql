-- The source 'orders' is a view of the CSV; the output adds the order amount.
SELECT order_id,
       customer_id,
       product_id,
       quantity,
       unit_price,
       currency,
       order_ts,
       status,
       country,
       CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount
FROM orders
