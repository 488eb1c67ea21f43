-- Cancelled orders bring no revenue.
SELECT CAST(o.order_ts AS DATE)                      AS day,
       o.country                                     AS country,
       o.currency                                    AS currency,
       COUNT(*)                                      AS orders,
       CAST(SUM(o.amount) AS DECIMAL(18,2))          AS revenue,
       CAST(SUM(o.quantity * i.unit_cost) AS DECIMAL(18,2)) AS cost
FROM orders o
LEFT JOIN inventory i ON o.product_id = i.product_id
WHERE o.status <> 'cancelled'
GROUP BY CAST(o.order_ts AS DATE), o.country, o.currency
