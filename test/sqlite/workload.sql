-- A fixed SQL workload for SQLite built by jitcc (scripts/test-sqlite.sh):
-- its output must equal Debian's sqlite3 on the same script. Touches the
-- B-tree, the VDBE, the query planner, printf, the JSON and FTS5 code and
-- the floating-point formatting; everything is deterministic.
.headers on
.mode list
PRAGMA foreign_keys = ON;

CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT, joined TEXT);
CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT UNIQUE, price REAL CHECK (price >= 0));
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customer(id), item INTEGER REFERENCES item(id),
  qty INTEGER, at TEXT, note TEXT
);
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT, n INTEGER);

CREATE TRIGGER orders_big AFTER INSERT ON orders WHEN new.qty > 48
BEGIN
  INSERT INTO audit (what, n) VALUES ('big order ' || new.id, new.qty);
END;
CREATE TRIGGER item_price AFTER UPDATE OF price ON item
BEGIN
  INSERT INTO audit (what, n) VALUES ('price ' || old.label || ' ' || printf('%.2f', old.price) || '->' || printf('%.2f', new.price), new.id);
END;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO customer SELECT i, 'customer ' || i, CASE i % 7 WHEN 0 THEN 'Oslo' WHEN 1 THEN 'Lima' WHEN 2 THEN 'Pune' WHEN 3 THEN 'Kyiv' WHEN 4 THEN 'Quito' WHEN 5 THEN 'Hanoi' ELSE 'Accra' END,
  date('2020-01-01', '+' || (i * 3) || ' days') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO item SELECT i, 'item-' || printf('%03d', i), round((i * 37 % 1000) / 7.0 + 0.25, 2) FROM n;

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO orders (customer, item, qty, at, note)
SELECT (i * 7919) % 500 + 1, (i * 104729 + i / 13) % 200 + 1, (i * 31 + i / 7) % 50 + 1,
       datetime('2021-01-01 00:00:00', '+' || (i * 17) || ' minutes'),
       CASE WHEN i % 1000 = 0 THEN 'gift wrap and a card' WHEN i % 333 = 0 THEN 'express delivery please' ELSE NULL END
FROM n;
COMMIT;

SELECT count(*) AS orders, sum(qty) AS units, min(at) AS first, max(at) AS last FROM orders;
SELECT count(*) AS audited, sum(n) AS audited_units FROM audit;

CREATE INDEX orders_customer ON orders(customer, at);
CREATE INDEX orders_item ON orders(item);
ANALYZE;

SELECT c.city, count(*) AS n, sum(o.qty) AS units, round(sum(o.qty * i.price), 2) AS revenue, round(avg(i.price), 4) AS avg_price
FROM orders o JOIN customer c ON c.id = o.customer JOIN item i ON i.id = o.item
GROUP BY c.city ORDER BY revenue DESC;

SELECT c.name, count(o.id) AS orders, total(o.qty) AS units
FROM customer c LEFT JOIN orders o ON o.customer = c.id AND o.at < '2021-03-01'
WHERE c.id BETWEEN 10 AND 20 GROUP BY c.id ORDER BY c.id;

SELECT customer, at, qty,
  sum(qty) OVER (PARTITION BY customer ORDER BY at ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving,
  rank() OVER (PARTITION BY customer ORDER BY qty DESC) AS rnk,
  lag(qty) OVER (PARTITION BY customer ORDER BY at) AS prev,
  ntile(4) OVER (ORDER BY at) AS quartile
FROM orders WHERE customer IN (3, 77) ORDER BY customer, at LIMIT 30;

SELECT item, qty, percent_rank() OVER w AS pr, cume_dist() OVER w AS cd, first_value(id) OVER w AS first_id
FROM orders WHERE item = 42 WINDOW w AS (ORDER BY qty, id) ORDER BY qty, id LIMIT 12;

SELECT strftime('%Y-%m', at) AS month, count(*) AS n, max(qty) AS top, group_concat(DISTINCT qty % 5) AS residues
FROM orders GROUP BY month HAVING n > 3000 ORDER BY month;

UPDATE item SET price = round(price * 1.1, 2) WHERE id % 50 = 0;
DELETE FROM orders WHERE qty = 1 AND item % 3 = 0;
SELECT changes() AS deleted, total_changes() > 0 AS any;
SELECT * FROM audit WHERE what LIKE 'price%' ORDER BY id;

SELECT json_object('city', city, 'customers', count(*), 'ids', json_group_array(id)) AS doc
FROM (SELECT * FROM customer WHERE id <= 21) GROUP BY city ORDER BY city;
SELECT json_extract('{"a":[1,2,{"b":"x"}],"c":3.5}', '$.a[2].b') AS b, json_array_length('[1,2,3,[4]]') AS len,
  json_set('{"k":1}', '$.k', 2, '$.n', json('[true,null]')) AS patched, json_valid('{"x":}') AS bad;
SELECT key, value, type FROM json_each('{"x":1,"y":[2,3],"z":{"w":null},"v":-1.5e3}') ORDER BY key;
SELECT sum(value) FROM json_each((SELECT json_group_array(qty) FROM orders WHERE customer = 9));

CREATE VIRTUAL TABLE notes USING fts5(body, tokenize = 'porter');
INSERT INTO notes SELECT note || ' for order ' || id FROM orders WHERE note IS NOT NULL;
SELECT count(*) FROM notes WHERE notes MATCH 'gift AND card';
SELECT count(*) FROM notes WHERE notes MATCH 'deliver*';
SELECT rowid, snippet(notes, 0, '[', ']', '...', 4) FROM notes WHERE notes MATCH 'express' ORDER BY rowid LIMIT 5;
SELECT highlight(notes, 0, '<', '>') FROM notes WHERE notes MATCH 'wrap NEAR card' ORDER BY rank, rowid LIMIT 3;

WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 90)
SELECT n, a FROM fib WHERE n % 10 = 0;
WITH RECURSIVE tree(id, parent, depth, path) AS (
  SELECT 1, NULL, 0, '1'
  UNION ALL SELECT t.id * 2 + k.k, t.id, t.depth + 1, t.path || '/' || (t.id * 2 + k.k)
  FROM tree t, (SELECT 0 AS k UNION ALL SELECT 1) k WHERE t.depth < 6
)
SELECT depth, count(*), max(path) FROM tree GROUP BY depth ORDER BY depth;

SELECT printf('%5.2f|%-8s|%08.3e|%x|%,d|%q', 3.14159, 'left', 12345.678, 255, 1234567, 'it''s') AS fmt;
SELECT 1e300 * 10, -0.0, 1/3.0, 2.5e-7, 9007199254740993, cast('12abc' AS INTEGER), 7 / 2, 7 % -3, abs(-9223372036854775807);
SELECT typeof(1), typeof(1.0), typeof('x'), typeof(x'ff'), typeof(NULL), hex(zeroblob(4)), quote(x'00ab'), length('héllo'), upper('straße');
SELECT soundex('Robert'), substr('abcdef', -3, 2), instr('hello', 'll'), replace('a-b-c', '-', '+'), trim('  x  '), unicode('€');
PRAGMA integrity_check;
