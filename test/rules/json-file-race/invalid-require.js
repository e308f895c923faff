// A CLI script and an Express app in CommonJS.
const fs = require("fs");
const path = require("path");
const { readFile, writeFile } = require("fs").promises;
const fse = require("fs-extra");
const express = require("express");

const TODO_FILE = path.resolve(process.env.HOME || ".", ".todo.json");
const router = express.Router();

function addTodo(text) {
  const todos = JSON.parse(fs.readFileSync(TODO_FILE, "utf8")); // expect: json-file-race
  todos.push({ text, done: false });
  fs.writeFileSync(TODO_FILE, JSON.stringify(todos, null, 2));
  console.log(`added (${todos.length} items)`);
}

async function completeTodo(index) {
  const todos = JSON.parse(await readFile(TODO_FILE, "utf8")); // expect: json-file-race
  todos[index].done = true;
  await writeFile(TODO_FILE, JSON.stringify(todos, null, 2));
}

router.post("/votes", async (req, res) => {
  const votes = await fse.readJson("votes.json"); // expect: json-file-race
  votes[req.body.option] = (votes[req.body.option] || 0) + 1;
  await fse.writeJson("votes.json", votes);
  res.sendStatus(204);
});

if (require.main === module) {
  addTodo(process.argv.slice(2).join(" "));
}

module.exports = { addTodo, completeTodo, router };
