-- Recursive CTEs, window functions, a larger generated table, indexes.
WITH RECURSIVE cnt(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM cnt WHERE x < 100000)
SELECT count(*), sum(x), max(x) FROM cnt;
WITH RECURSIVE fib(a, b, n) AS (SELECT 0, 1, 0 UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 50)
SELECT a FROM fib WHERE n IN (10, 30, 50);
CREATE TABLE t(k INTEGER, v TEXT);
WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 20000)
INSERT INTO t SELECT i % 97, printf('%X', i * 7919 % 100003) FROM g;
CREATE INDEX tk ON t(k);
SELECT k, count(*) FROM t WHERE k IN (0, 5, 96) GROUP BY k ORDER BY k;
SELECT k, v, row_number() OVER (PARTITION BY k ORDER BY length(v), v) AS rn FROM t WHERE k = 3 ORDER BY rn LIMIT 3;
SELECT sum(length(v)), min(v), max(v) FROM t;
EXPLAIN QUERY PLAN SELECT * FROM t WHERE k = 5;
