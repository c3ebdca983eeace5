package dbtest

// Schema is, for each engine, a database with tables, rows, a view, a sequence or
// auto-increment, a trigger and non-ASCII text: what a round trip must bring back.
var Schema = map[string]string{
	"postgres": `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, city text);
CREATE TABLE audit (id serial PRIMARY KEY, customer int, note text);
CREATE FUNCTION log_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO audit(customer, note) VALUES (NEW.id, 'créé ' || NEW.name); RETURN NEW; END $$;
CREATE TRIGGER customers_log AFTER INSERT ON customers FOR EACH ROW EXECUTE FUNCTION log_customer();
CREATE VIEW paris AS SELECT id, name FROM customers WHERE city = 'Paris';
INSERT INTO customers(name, city) VALUES ('Zoë Ålesund', 'Paris'), ('李小龍', 'Hong Kong'), ('Ünal Çelik', 'Paris');
`,
	"mysql": `
CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, city VARCHAR(100)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, customer INT, note VARCHAR(200)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TRIGGER customers_log AFTER INSERT ON customers FOR EACH ROW INSERT INTO audit(customer, note) VALUES (NEW.id, CONCAT('créé ', NEW.name));
CREATE VIEW paris AS SELECT id, name FROM customers WHERE city = 'Paris';
INSERT INTO customers(name, city) VALUES ('Zoë Ålesund', 'Paris'), ('李小龍', 'Hong Kong'), ('Ünal Çelik', 'Paris');
`,
}

// Rows selects every row of Schema's tables and view, in a stable order.
const Rows = "SELECT id, name, city FROM customers ORDER BY id;\nSELECT id, customer, note FROM audit ORDER BY id;\nSELECT id, name FROM paris ORDER BY id;\n"
