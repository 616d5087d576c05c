-- Tables, inserts, joins, aggregates, ordering.
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER REFERENCES dept, salary REAL);
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty');
INSERT INTO emp(name, dept, salary) VALUES ('ann', 1, 120.5), ('bob', 1, 99), ('cy', 2, 80), ('di', NULL, 10);
SELECT d.name, count(e.id), sum(e.salary), avg(e.salary) FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY d.id;
SELECT name FROM emp WHERE salary > (SELECT avg(salary) FROM emp) ORDER BY name;
SELECT upper(name) || '-' || length(name), typeof(salary), round(salary / 3, 2) FROM emp ORDER BY id;
UPDATE emp SET salary = salary * 1.1 WHERE dept = 1;
DELETE FROM emp WHERE dept IS NULL;
SELECT group_concat(name, '+'), printf('%.2f', total(salary)) FROM emp;
SELECT 1 + 1, 7 / 2, 7 % 3, 2.5 * 4, 'a' < 'b', NULL IS NULL, coalesce(NULL, 'x');
