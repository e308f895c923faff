// The same data module on mysql2's promise API (`?` placeholders), queries built with template literals and `+`.
const mysql = require('mysql2/promise');

const db = mysql.createPool({ uri: process.env.DATABASE_URL });

async function findCustomer(name) {
  const [rows] = await db.execute(`SELECT id, email FROM customers WHERE name = '${name}' ORDER BY id`);
  return rows;
}

async function customersIn(country) {
  const [rows] = await db.query("SELECT id, name FROM customers WHERE country = '" + country + "' ORDER BY id");
  return rows;
}

async function ordersWithStatus(status) {
  const [rows] = await db.query(`SELECT id, total FROM orders WHERE status = '${status}' ORDER BY id`);
  return rows;
}

module.exports = { findCustomer, customersIn, ordersWithStatus, db };
