// An Express-style data module on node-postgres, queries built with template literals and `+` (the codemod's input).
const { Pool } = require('pg');

const pool = new Pool();

async function findCustomer(name) {
  const { rows } = await pool.query(`SELECT id, email FROM customers WHERE name = '${name}' ORDER BY id`);
  return rows;
}

async function ordersOf(email) {
  const { rows } = await pool.query("SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = '" + email + "' ORDER BY o.id");
  return rows;
}

async function searchProducts(term) {
  const result = await pool.query(`SELECT id, title FROM products WHERE title ILIKE '%${term}%' ORDER BY id`);
  return result.rows;
}

module.exports = { findCustomer, ordersOf, searchProducts, pool };
