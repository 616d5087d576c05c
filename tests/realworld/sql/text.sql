-- Strings, dates, JSON, LIKE/GLOB, numeric formatting, blobs.
SELECT substr('hello world', 7), instr('hello', 'l'), replace('a-b-c', '-', '+'), trim('  x  '), ltrim('xxy', 'x');
SELECT date('2024-02-28', '+1 day'), date('2023-02-28', '+1 day'), strftime('%j %w', '2024-12-31'), julianday('2000-01-01');
SELECT datetime(0, 'unixepoch'), time('12:34:56', '+90 minutes');
SELECT json_object('a', 1, 'b', json_array(1, 2, 'x')), json_extract('{"k":{"n":[5,6]}}', '$.k.n[1]');
SELECT value FROM json_each('[10,20,30]') WHERE value > 15;
SELECT 'abc' LIKE 'A%', 'abc' GLOB 'A*', 'a_c' LIKE 'a\_c' ESCAPE '\';
SELECT printf('%08.3f|%-6s|%x|%e', 3.14159, 'ab', 255, 12345.678);
SELECT hex(x'00ff10'), length(zeroblob(100)), quote(x'abcd'), unicode('€'), char(72, 105);
SELECT cast('12abc' AS INTEGER), cast(3.99 AS INTEGER), 9223372036854775807 + 0, 1e308 * 10;
SELECT abs(-5), max(1, 9, 3), min('b', 'a'), nullif(1, 1), iif(1 > 2, 'y', 'n');
